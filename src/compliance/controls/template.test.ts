import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatTemplateIssue } from '../nepa/index.js';
import { oscalControlId, readBaseline } from './baseline.js';
import { loadComplianceTemplates, parseComplianceTemplate, templateFilesIn } from './template-load.js';
import { CONTROLS_TEMPLATE_NAMES, controlsTemplateJsonSchema } from './template-schema.js';

const DIR = fileURLToPath(new URL('../../../deployment/compliance-templates/', import.meta.url));
const PROFILE = fileURLToPath(
  new URL('../../../../shared/data/oscal/FedRAMP_rev5_MODERATE-baseline_profile.json', import.meta.url),
);

const template = (rules: string) =>
  ['version: 1', 'name: t', 'title: T', 'controls:', '  - id: X-1', '    rules:', rules].join('\n');

describe('compliance templates', () => {
  it('loads all eight committed templates, with their cross references', async () => {
    const templates = await loadComplianceTemplates(await templateFilesIn(DIR));
    expect(templates.map((t) => t.name).sort()).toEqual(
      [...CONTROLS_TEMPLATE_NAMES, 'nepa-entity-validation-template'].sort(),
    );
    expect(templates.filter((t) => t.kind === 'nepa')).toHaveLength(1);
  });

  it('commits a JSON Schema per template that matches the zod schemas (`npm run schema`)', async () => {
    for (const name of CONTROLS_TEMPLATE_NAMES) {
      const expected = `${JSON.stringify(controlsTemplateJsonSchema(name), null, 2)}\n`;
      const committed = await readFile(`${DIR}${name}.schema.json`, 'utf8').catch(() => '');
      expect(committed === expected, `${name}.schema.json is stale: run \`npm run schema\``).toBe(true);
    }
  });

  it('uses only controls the FedRAMP Moderate profile includes', async (ctx) => {
    const baseline = await readBaseline(PROFILE);
    if (!baseline.found) return ctx.skip(`the FedRAMP profile is not available: ${baseline.reason}`);
    const [federal] = await loadComplianceTemplates([`${DIR}government-security-baseline.yml`]);
    const ids = federal?.kind === 'controls' ? federal.controls.map((c) => c.id) : [];
    expect(ids).toEqual(['AU-2', 'AU-3', 'AU-8', 'AU-9', 'AU-11', 'AC-5', 'AC-6', 'CM-3', 'IA-5', 'SI-4']);
    for (const id of ids) expect(baseline.controls.has(oscalControlId(id)), id).toBe(true);
    expect(baseline.title).toBe('FedRAMP Rev 5 Moderate Baseline');
    expect(oscalControlId('AC-6(1)')).toBe('ac-6.1');
  });

  it('rejects an unknown check with the file, its line and the reason', () => {
    const { template: t, errors } = parseComplianceTemplate(
      template('      - check: audit.timestamps\n      - check: audit.no-such-check'),
      'bad.yml',
    );
    expect(t).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(formatTemplateIssue(errors[0] ?? (undefined as never))).toMatch(
      /^bad\.yml:8: controls\.0\.rules\.1\.check: unknown check "audit\.no-such-check"/,
    );
  });

  it("rejects a parameter of the wrong type, or an unknown one, by the check's own schema", () => {
    const { errors } = parseComplianceTemplate(
      template(
        [
          '      - check: retention.audit-online',
          '        parameters:',
          '          minimumDays: ninety',
          '      - check: approvals.separation-of-duties',
          '        parameters:',
          '          allowSelfApproval: false',
          '          allowSelfAproval: true',
        ].join('\n'),
      ),
      'bad.yml',
    );
    expect(errors.map((e) => [e.line, e.path])).toEqual([
      [9, 'controls.0.rules.0.parameters.minimumDays'],
      [13, 'controls.0.rules.1.parameters'],
    ]);
    expect(errors[0]?.message).toMatch(/number/);
    expect(errors[1]?.message).toBe('unknown key "allowSelfAproval"');
  });

  it('throws COMPLIANCE_TEMPLATE_INVALID naming the file and line, also for a reference to a missing control', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'cara-templates-'));
    try {
      const file = join(dir, 'checklist.yml');
      await writeFile(
        file,
        template(
          '      - check: controls.status\n        parameters:\n          template: t2\n          controls: [A-1, A-9]',
        ).replace('name: t', 'name: t1'),
      );
      const other = join(dir, 'other.yml');
      await writeFile(
        other,
        template('      - check: audit.timestamps').replace('name: t', 'name: t2').replace('X-1', 'A-1'),
      );
      const error = await loadComplianceTemplates([file, other]).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'COMPLIANCE_TEMPLATE_INVALID' });
      expect((error as Error).message).toContain(
        `${file}:10: controls.0.rules.0.parameters.controls.1: template t2 has no control "A-9"`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports YAML syntax errors and schema errors with lines', () => {
    expect(
      parseComplianceTemplate('version: 1\ncontrols: [unclosed\n', 'a.yml').errors[0]?.line,
    ).toBeGreaterThanOrEqual(2);
    const { errors } = parseComplianceTemplate(
      'version: 2\nname: Bad Name\ntitle: x\ncontrols: []\n',
      'b.yml',
    );
    expect(errors.map((e) => [e.line, e.path])).toEqual(
      expect.arrayContaining([
        [1, 'version'],
        [2, 'name'],
        [4, 'controls'],
      ]),
    );
  });
});
