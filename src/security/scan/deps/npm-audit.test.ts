import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNpmAudit } from './npm-audit.js';

/** A project with one locked dependency, so npm has to ask the audit service. */
function writeProject(dir: string, lockfile: boolean): void {
  const dependencies = { minimist: '0.0.8' };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'demo', version: '1.0.0', dependencies }));
  if (!lockfile) return;
  const lock = {
    name: 'demo',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'demo', version: '1.0.0', dependencies },
      'node_modules/minimist': {
        version: '0.0.8',
        resolved: 'https://registry.npmjs.org/minimist/-/minimist-0.0.8.tgz',
      },
    },
  };
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
}

describe('runNpmAudit', () => {
  let dir: string;
  let bare: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cara-npm-audit-'));
    bare = mkdtempSync(join(tmpdir(), 'cara-npm-audit-nolock-'));
    writeProject(dir, true);
    writeProject(bare, false);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(bare, { recursive: true, force: true });
  });

  it('reports an unreachable audit service as unavailable, not as a failure', async () => {
    for (const registry of ['http://127.0.0.1:9/', 'http://registry.invalid/']) {
      const report = await runNpmAudit(dir, { env: { ...process.env, npm_config_registry: registry } });
      expect(report.status).toBe('unavailable');
      expect(report.reason).toMatch(/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|audit endpoint/);
      expect(report.vulnerabilities).toEqual([]);
    }
  });

  it('says a lockfile is needed when there is none', async () => {
    await expect(runNpmAudit(bare)).rejects.toMatchObject({ code: 'USAGE', message: /needs a lockfile/ });
  });

  it('names a missing npm', async () => {
    await expect(runNpmAudit(dir, { npm: 'npm-not-installed-here' })).rejects.toMatchObject({
      code: 'EXTERNAL_TOOL_MISSING',
    });
  });
});
