import { describe, expect, it } from 'vitest';
import { parseConfig } from './load.js';
import { configSchema, secretPaths } from './schema.js';
import { configTemplate } from './template.js';

describe('configTemplate', () => {
  it.each(['cara', 'yes: no # not a comment', 'it\'s "quoted"', '123'])(
    'round-trips with project name %j, no errors or warnings',
    (projectName) => {
      const result = parseConfig(configTemplate({ projectName }), 'cara.config.yaml', { env: {} });
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.config).toEqual({ ...configSchema.parse({}), project: { name: projectName } });
    },
  );

  it(`mentions every secret only as a commented-out \${ENV} reference`, () => {
    const text = configTemplate({ projectName: 'cara' });
    // Secrets inside named entries (e.g. redteam.targets.NAME.canary) have no entry in the template.
    for (const path of secretPaths().filter((p) => !p.includes('*'))) {
      const key = path.at(-1);
      expect(text).toMatch(new RegExp(`^\\s*#\\s*${key}: \\$\\{CARA_[A-Z_]+\\}$`, 'm'));
    }
  });
});
