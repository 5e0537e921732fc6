import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultTemplate } from './check.js';
import { formatTemplateIssue, loadTemplate, parseTemplate } from './template-load.js';
import { nepaTemplateJsonSchema } from './template-schema.js';

const DIR = '../../../deployment/compliance-templates/';
const TEMPLATE = fileURLToPath(new URL(`${DIR}nepa-entity-validation-template.yml`, import.meta.url));
const SCHEMA = fileURLToPath(new URL(`${DIR}nepa-entity-validation-template.schema.json`, import.meta.url));

describe('NEPA template', () => {
  it('accepts the committed template, with the statutory limits', async () => {
    const template = await loadTemplate(TEMPLATE);
    expect(template.parameters).toMatchObject({
      eaPageLimit: 75,
      eaMonths: 12,
      eisPageLimit: 150,
      eisComplexPageLimit: 300,
      eisMonths: 24,
    });
    expect(template.tables.process).toBe('process_instance');
    expect(template.agencies.BLM?.aliases).toContain('Bureau of Land Management');
  });

  it('fills every default from `version: 1` alone', () => {
    const template = defaultTemplate();
    expect(template.parameters.eaPageLimit).toBe(75);
    expect(template.agencies.default).toEqual({ aliases: [], draftEisCommentDays: 45, finalEisWaitDays: 30 });
    expect(template.rules).toEqual({});
  });

  it('rejects an unknown rule with the file, its line and the reason', () => {
    const text = 'version: 1\nrules:\n  lead-agency-missing: true\n  ea-over-80-pages: false\n';
    const { template, errors } = parseTemplate(text, 'nepa.yml');
    expect(template).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(formatTemplateIssue(errors[0] ?? (undefined as never))).toBe(
      'nepa.yml:4: rules: unknown rule "ea-over-80-pages"',
    );
  });

  it('rejects a wrong parameter at its line', () => {
    const text = 'version: 1\nparameters:\n  eaMonths: 12\n  eaPageLimit: seventy-five\n';
    const { errors } = parseTemplate(text, 'nepa.yml');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'nepa.yml', line: 4, path: 'parameters.eaPageLimit' });
    expect(errors[0]?.message).toMatch(/number/);
  });

  it('rejects a bad agency timing, an unknown entity and a table name that is not an identifier', () => {
    const text = [
      'version: 1',
      'tables:',
      '  project: "project; drop table x"',
      '  projects: project',
      'agencies:',
      '  default: { draftEisCommentDays: 45, finalEisWaitDays: 30 }',
      '  BLM: { draftEisCommentDays: -1, finalEisWaitDays: 30 }',
    ].join('\n');
    const { errors } = parseTemplate(text, 'nepa.yml');
    const lines = errors.map((e) => [e.line, e.path]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [3, 'tables.project'],
        [4, 'tables'],
        [7, 'agencies.BLM.draftEisCommentDays'],
      ]),
    );
  });

  it('requires the default agency and the version, and reports YAML syntax errors with a line', () => {
    const missing = parseTemplate(
      'agencies:\n  BLM: { draftEisCommentDays: 45, finalEisWaitDays: 30 }\n',
      'a.yml',
    );
    expect(missing.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['version', 'agencies.default']),
    );
    const broken = parseTemplate('version: 1\nrules: [unclosed\n', 'b.yml');
    expect(broken.errors[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('commits a JSON Schema that matches the zod schema', async () => {
    const expected = `${JSON.stringify(nepaTemplateJsonSchema(), null, 2)}\n`;
    const committed = await readFile(SCHEMA, 'utf8').catch(() => '');
    expect(
      committed === expected,
      `${SCHEMA} is stale: regenerate it with nepaTemplateJsonSchema() (JSON.stringify(schema, null, 2) + newline)`,
    ).toBe(true);
  });
});
