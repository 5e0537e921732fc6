/**
 * `cara report compliance` through the CLI entry point on an initialised temporary repository:
 * the files in each format, the checkpoint they carry, the audit event, and an unwritable folder.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo, projectRoot, type TempRepo } from '../../../test/support/cli.js';
import { runCaraInProcess } from '../../../test/support/in-process.js';
import type { ComplianceReportData } from '../../compliance/index.js';
import { readEnv } from '../../core/index.js';
import { type JsonSchema, validateJsonSchema } from '../../security/index.js';

const TEMPLATES = join(projectRoot, 'deployment/compliance-templates');
const SCHEMA_FILE = join(projectRoot, '../shared/data/oscal/oscal_assessment-results_schema.json');
const env = readEnv({ CARA_ACTOR: 'alice@example.gov', NO_COLOR: '1' });

const cara = (dir: string, ...args: string[]) => runCaraInProcess(dir, env, args);

let repo: TempRepo;
let scratch: string;

beforeAll(async () => {
  repo = makeGitRepo('cara-report-');
  scratch = mkdtempSync(join(tmpdir(), 'cara-report-out-'));
  expect((await cara(repo.dir, 'init')).code).toBe(0);
}, 60_000);
afterAll(() => {
  repo?.remove();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

describe('cara report compliance', () => {
  it('writes HTML, JSON and OSCAL with the checkpoint they were computed against, and records the run', async () => {
    const out = join(scratch, 'out');
    const run = await cara(
      repo.dir,
      'report',
      'compliance',
      '--format',
      'html,json,oscal',
      '--out',
      out,
      '--templates-dir',
      TEMPLATES,
    );
    expect(run.code, run.stderr).toBe(0);
    const paths = run.stdout.trim().split('\n');
    expect(paths.map((p) => p.slice(out.length + 1))).toEqual([
      expect.stringMatching(/^compliance-\d{8}T\d{6}Z\.html$/),
      expect.stringMatching(/^compliance-\d{8}T\d{6}Z\.json$/),
      expect.stringMatching(/^compliance-\d{8}T\d{6}Z\.oscal\.json$/),
    ]);
    const data = JSON.parse(readFileSync(paths[1] ?? '', 'utf8')) as ComplianceReportData;
    expect(data.totals.templates).toBe(8);
    // Without a database the NEPA rules are reported, as not assessed, and there are no entity figures.
    expect(
      data.templates.find((t) => t.kind === 'nepa')?.controls.every((c) => c.status === 'not-assessed'),
    ).toBe(true);
    expect(data.nepa).toBeNull();

    // The checkpoint is the log as the evaluation read it: the two `init` events, before the report's own.
    const log = JSON.parse((await cara(repo.dir, 'audit', 'log', '--json')).stdout) as {
      type: string;
      subject: string;
      details: Record<string, unknown>;
    }[];
    const event = log.at(-1);
    expect(data.checkpoint.size).toBe(log.length - 1);
    expect(data.checkpoint.note.split('\n')[1]).toBe(String(data.checkpoint.size));
    expect(event).toMatchObject({
      type: 'compliance.check',
      subject: 'compliance:report',
      details: {
        report: 'html,json,oscal',
        path: expect.stringMatching(/compliance-.*\.html$/),
        checkpoint: { size: data.checkpoint.size, rootHash: data.checkpoint.rootHash },
      },
    });
    expect((await cara(repo.dir, 'audit', 'verify')).code).toBe(0);

    const html = readFileSync(paths[0] ?? '', 'utf8');
    expect(html).toContain(data.checkpoint.rootHash);
    expect(html).toContain('SI-4');

    const oscal = JSON.parse(readFileSync(paths[2] ?? '', 'utf8')) as Record<string, unknown>;
    if (!existsSync(SCHEMA_FILE)) {
      console.warn(`OSCAL schema validation skipped: ${SCHEMA_FILE} is missing`);
      return;
    }
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as JsonSchema;
    expect(validateJsonSchema(schema, oscal)).toEqual([]);
  });

  it('writes HTML to .cara/reports by default', async () => {
    const run = await cara(repo.dir, 'report', 'compliance', '--templates-dir', TEMPLATES);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toMatch(/\.cara\/reports\/compliance-\d{8}T\d{6}Z(-\d+)?\.html$/);
    expect(readdirSync(join(repo.dir, '.cara/reports')).some((f) => f.endsWith('.html'))).toBe(true);
  });

  it('fails clearly for an unwritable folder or an unknown format, and records nothing', async () => {
    const before = JSON.parse((await cara(repo.dir, 'audit', 'log', '--json')).stdout) as unknown[];
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    const blocked = await cara(
      repo.dir,
      'report',
      'compliance',
      '--out',
      join(file, 'reports'),
      '--templates-dir',
      TEMPLATES,
    );
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain(`error: Cannot write reports to ${join(file, 'reports')}`);
    expect(blocked.stderr).toContain('hint: give a writable folder with --out DIR');
    const unknown = await cara(repo.dir, 'report', 'compliance', '--format', 'pdf');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown report format "pdf"');
    const after = JSON.parse((await cara(repo.dir, 'audit', 'log', '--json')).stdout) as unknown[];
    expect(after.length).toBe(before.length);
  });
});
