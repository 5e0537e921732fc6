/**
 * The compliance report in its three forms, from a report with every status, evidence, NEPA
 * figures and hostile strings: the OSCAL document against the official schema (read in place),
 * the HTML page's escaping and content, and the files written.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCaraError } from '../../core/index.js';
// The validator's keyword inventory is not public API; this test reads it from its file.
import {
  type JsonSchema,
  unknownSchemaKeywords,
  validateJsonSchema,
} from '../../security/sarif/json-schema.js';
import type { ComplianceCheckReport, TemplateReport } from '../controls/index.js';
import type { NepaReport } from '../nepa/index.js';
import { buildComplianceReport, type ComplianceReportData } from './data.js';
import { escapeHtml, renderComplianceHtml } from './html.js';
import { OSCAL_VERSION, toOscalAssessmentResults } from './oscal.js';
import { parseReportFormats, writeComplianceReports } from './write.js';

const SCHEMA_FILE = resolve(
  import.meta.dirname,
  '../../../../shared/data/oscal/oscal_assessment-results_schema.json',
);
const schema = existsSync(SCHEMA_FILE)
  ? (JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as JsonSchema)
  : undefined;
if (schema === undefined) console.warn(`OSCAL schema validation skipped: ${SCHEMA_FILE} is missing`);
const describeSchema = schema === undefined ? describe.skip : describe;

const HOSTILE = '<script>alert("x")</script> & \'quoted\'';
const NOTE =
  'cara.local/demo\n7\nor0q20FVuu/Ovy7qhDgiYjmh74dKsvn07Xnihn70O/Y=\n\n— cara.local/demo gaqsY1FX=\n';

const controlsTemplate: TemplateReport = {
  name: 'government-security-baseline',
  file: '/repo/deployment/compliance-templates/government-security-baseline.yml',
  title: 'Federal security baseline',
  kind: 'controls',
  baseline: {
    file: '/data/profile.json',
    found: true,
    title: 'FedRAMP Rev 5 Moderate Baseline',
    reason: null,
  },
  controls: [
    {
      id: 'AU-2',
      title: 'Event Logging',
      titleSource: 'template',
      inBaseline: true,
      status: 'pass',
      reason: 'every required event type was recorded',
      rules: [
        {
          check: 'audit.event-types',
          status: 'pass',
          reason: 'all 9 recorded',
          evidence: { events: 12 },
          line: 14,
        },
      ],
    },
    {
      id: 'AC-6(1)',
      title: 'Least Privilege',
      titleSource: 'template',
      inBaseline: true,
      status: 'fail',
      reason: HOSTILE,
      rules: [
        {
          check: 'approvals.least-privilege',
          status: 'fail',
          reason: HOSTILE,
          evidence: { who: HOSTILE },
          line: 20,
        },
        { check: 'approvals.approvers', status: 'pass', reason: 'approvers listed', evidence: {}, line: 22 },
      ],
    },
    {
      id: 'SI-4',
      title: 'System Monitoring',
      titleSource: 'template',
      inBaseline: true,
      status: 'not-assessed',
      reason: 'no deploy section in cara.config.yaml',
      rules: [{ check: 'monitoring.endpoints', status: 'not-assessed', reason: '', evidence: {}, line: 30 }],
    },
  ],
  totals: { controls: 3, passed: 1, failed: 1, notAssessed: 1 },
};

const nepaTemplate: TemplateReport = {
  name: 'nepa-entity-validation-template',
  file: '/repo/deployment/compliance-templates/nepa-entity-validation-template.yml',
  title: 'NEPA entity validation',
  kind: 'nepa',
  baseline: null,
  controls: [
    {
      id: 'process-type-enum',
      title: 'process.type is CE, EA or EIS',
      titleSource: 'template',
      inBaseline: null,
      status: 'not-assessed',
      reason: 'no database given (--database-url or --pglite)',
      rules: [],
    },
  ],
  totals: { controls: 1, passed: 0, failed: 0, notAssessed: 1 },
};

const check: ComplianceCheckReport = {
  ok: false,
  checkedAt: '2025-03-01T12:00:00.000Z',
  totals: { templates: 2, controls: 4, passed: 1, failed: 1, notAssessed: 2 },
  templates: [controlsTemplate, nepaTemplate],
  notes: ['nepa-entity-validation-template: no database given, so its rules are not assessed'],
};

const nepa: NepaReport = {
  database: '/repo/nepa-data',
  conformant: false,
  totals: { rules: 1, passed: 0, failed: 1, notAssessed: 0, disabled: 0, errors: 0, violations: 2 },
  entities: [
    { entity: 'project', table: 'project', rows: 40, violatingRows: 10, passRate: 0.75 },
    { entity: 'gis_data', table: 'gis_data', rows: null, violatingRows: 0, passRate: null },
  ],
  rules: [],
  violations: [
    {
      rule: 'project-status-enum',
      citation: 'CEQ standard 1.2',
      severity: 'error',
      entity: 'project',
      table: 'project',
      rowId: '17',
      seedKey: null,
      detail: `status is ${HOSTILE}`,
    },
  ],
};

function report(withNepa: NepaReport | null = nepa): ComplianceReportData {
  return buildComplianceReport({
    check,
    nepa: withNepa,
    checkpoint: {
      size: 7,
      root: Buffer.alloc(32, 0xab),
      note: NOTE,
      keyId: '81aaac63',
      createdAt: '2025-03-01T12:00:01.000Z',
    },
    root: '/repo',
    generator: { name: 'cara', version: '0.1.0' },
    generatedAt: new Date('2025-03-01T12:00:02.000Z'),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the tests walk a parsed OSCAL document by its field names
type Json = Record<string, any>;
const oscal = (data = report()) => toOscalAssessmentResults(data)['assessment-results'] as Json;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describeSchema('OSCAL assessment-results against the official schema', () => {
  const official = schema as JsonSchema;
  const problems = (value: unknown) =>
    validateJsonSchema(official, JSON.parse(JSON.stringify(value))).map((i) => `${i.path}: ${i.message}`);

  it('enforces every keyword of the schema and names its OSCAL version', () => {
    expect(unknownSchemaKeywords(official)).toEqual([]);
    expect(String(official.$id)).toContain(`/${OSCAL_VERSION}/`);
  });

  it('validates, with and without NEPA figures', () => {
    expect(problems(toOscalAssessmentResults(report()))).toEqual([]);
    expect(problems(toOscalAssessmentResults(report(null)))).toEqual([]);
  });

  it('rejects a document that breaks the model', () => {
    const document = toOscalAssessmentResults(report()) as Json;
    const results = document['assessment-results'].results;
    results[0].findings[0].target.status.state = 'maybe';
    delete results[1]['reviewed-controls'];
    const found = problems(document).join('\n');
    expect(found).toMatch(/results\/0\/findings\/0\/target\/status\/state/);
    expect(found).toMatch(/results\/1: missing required property reviewed-controls/);
  });
});

describe('toOscalAssessmentResults', () => {
  it('maps every control to a finding on its lower-case control id', () => {
    const ar = oscal();
    const [federal, nepaResult] = ar.results as [Json, Json];
    expect(ar.metadata['oscal-version']).toBe(OSCAL_VERSION);
    expect(federal['reviewed-controls']['control-selections'][0]['include-controls']).toEqual([
      { 'control-id': 'au-2' },
      { 'control-id': 'ac-6.1' },
      { 'control-id': 'si-4' },
    ]);
    const states = (federal.findings as Json[]).map((f) => [f.target['target-id'], f.target.status.state]);
    expect(states).toEqual([
      ['au-2', 'satisfied'],
      ['ac-6.1', 'not-satisfied'],
      ['si-4', 'not-satisfied'],
    ]);
    const notAssessed = (federal.findings as Json[])[2];
    expect(notAssessed?.target.status).toMatchObject({
      reason: 'other',
      remarks: expect.stringMatching(/^Not assessed: /),
    });
    expect(notAssessed?.props).toContainEqual(
      expect.objectContaining({ name: 'status', value: 'not-assessed' }),
    );
    // A NEPA rule without a database still has a finding, backed by an observation saying why.
    const nepaFinding = (nepaResult.findings as Json[])[0];
    const observation = (nepaResult.observations as Json[]).find(
      (o) => o.uuid === nepaFinding?.['related-observations'][0]['observation-uuid'],
    );
    expect(observation?.description).toMatch(/no database given/);
    expect(nepaResult.observations.map((o: Json) => o.title)).toContain('NEPA entity project');
  });

  it('links findings to one observation per rule, with evidence, and uses v4 UUIDs throughout', () => {
    const ar = oscal();
    const federal = (ar.results as Json[])[0] as Json;
    const ac6 = (federal.findings as Json[])[1] as Json;
    expect(ac6['related-observations']).toHaveLength(2);
    const evidence = (federal.observations as Json[]).find(
      (o) => o.title === 'AC-6(1): approvals.least-privilege',
    );
    expect(JSON.parse(evidence?.['relevant-evidence'][0].description)).toEqual({ who: HOSTILE });
    const uuids = JSON.stringify(ar).match(/"uuid":"[^"]+"/g) ?? [];
    expect(uuids.length).toBeGreaterThan(10);
    for (const u of uuids) expect(u.slice(8, -1)).toMatch(UUID_V4);
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it('embeds the checkpoint in back-matter and metadata', () => {
    const ar = oscal();
    const link = ar.metadata.links[0].href.slice(1);
    const resource = (ar['back-matter'].resources as Json[]).find((r) => r.uuid === link);
    expect(Buffer.from(resource?.base64.value, 'base64').toString('utf8')).toBe(NOTE);
    expect(resource?.props).toContainEqual(expect.objectContaining({ name: 'tree-size', value: '7' }));
    expect(ar.metadata.props).toContainEqual(
      expect.objectContaining({ name: 'audit-checkpoint-root-hash', value: 'ab'.repeat(32) }),
    );
    const plan = (ar['back-matter'].resources as Json[]).find((r) => `#${r.uuid}` === ar['import-ap'].href);
    expect(plan?.rlinks.map((l: Json) => l.href)).toEqual([
      'deployment/compliance-templates/government-security-baseline.yml',
      'deployment/compliance-templates/nepa-entity-validation-template.yml',
    ]);
  });
});

describe('renderComplianceHtml', () => {
  const html = renderComplianceHtml(report());

  it('escapes every string from the data', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html).not.toContain('<script');
    expect(html).toContain(escapeHtml(HOSTILE));
  });

  it('is self-contained: no scripts, no external assets', () => {
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('shows the totals, each control with its reason, NEPA pass rates, violations and the checkpoint', () => {
    expect(html).toMatch(/<b>1<\/b>passed/);
    expect(html).toMatch(/<b>2<\/b>not assessed/);
    expect(html).toContain('<code>AC-6(1)</code>');
    expect(html).toContain('no deploy section in cara.config.yaml');
    expect(html).toContain('style="width:75.00%"');
    expect(html).toContain('30 / 40 rows (75.0%)');
    expect(html).toContain('rows not counted');
    expect(html).toContain('project-status-enum');
    expect(html).toContain(escapeHtml(NOTE));
    expect(html).toContain('ab'.repeat(32));
  });

  it('says the NEPA figures are not assessed without a NEPA run', () => {
    expect(renderComplianceHtml(report(null))).toMatch(/NEPA entities<\/h2><p>Not assessed: no NEPA run/);
  });
});

describe('writeComplianceReports', () => {
  const dirs: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cara-report-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('parses formats and rejects unknown ones', () => {
    expect(parseReportFormats(undefined)).toEqual(['html']);
    expect(parseReportFormats('oscal, JSON,oscal')).toEqual(['oscal', 'json']);
    expect(() => parseReportFormats('pdf')).toThrow(/Unknown report format "pdf"/);
  });

  it('writes one file per format, creating the folder, and never overwrites', async () => {
    const out = join(temp(), 'nested', 'reports');
    const first = await writeComplianceReports(report(), ['html', 'json', 'oscal'], out);
    expect(first.map((w) => w.path.slice(out.length + 1))).toEqual([
      'compliance-20250301T120002Z.html',
      'compliance-20250301T120002Z.json',
      'compliance-20250301T120002Z.oscal.json',
    ]);
    expect(JSON.parse(readFileSync(first[1]?.path ?? '', 'utf8'))).toMatchObject({
      kind: 'cara.compliance-report',
      checkpoint: { size: 7, note: NOTE },
      nepa: { entities: [{ entity: 'project', passRate: 0.75 }, { entity: 'gis_data' }] },
    });
    const again = await writeComplianceReports(report(), ['html'], out);
    expect(again[0]?.path).toBe(join(out, 'compliance-20250301T120002Z-2.html'));
    expect(readdirSync(out)).toHaveLength(4);
  });

  it('fails with a usage error naming a folder it cannot create', async () => {
    const file = join(temp(), 'not-a-folder');
    writeFileSync(file, 'x');
    const error = await writeComplianceReports(report(), ['json'], join(file, 'reports')).catch(
      (e: unknown) => e,
    );
    expect(isCaraError(error) && error.code).toBe('USAGE');
    expect(String((error as Error).message)).toContain(join(file, 'reports'));
  });
});
