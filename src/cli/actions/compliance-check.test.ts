/**
 * `cara compliance check` run through the CLI entry point on initialised temporary repositories:
 * exit codes, the recorded summary event, and template parameters that change the outcome.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo, projectRoot, type TempRepo } from '../../../test/support/cli.js';
import { type InProcessRun, runCaraInProcess } from '../../../test/support/in-process.js';
import type { ComplianceCheckReport } from '../../compliance/index.js';
import { readEnv } from '../../core/index.js';

const TEMPLATES = join(projectRoot, 'deployment/compliance-templates');
const PROFILE = join(projectRoot, '../shared/data/oscal/FedRAMP_rev5_MODERATE-baseline_profile.json');
const env = readEnv({ CARA_ACTOR: 'alice@example.gov', NO_COLOR: '1' });

const cara = (dir: string, ...args: string[]) => runCaraInProcess(dir, env, args);

const report = (run: InProcessRun) => JSON.parse(run.stdout) as ComplianceCheckReport;
const status = (r: ComplianceCheckReport, template: string, control: string) =>
  r.templates.find((t) => t.name === template)?.controls.find((c) => c.id === control)?.status;

let repo: TempRepo;
let scratch: string;

/** The federal template with the profile path made absolute, monitoring listed, and edits applied. */
function federalVariant(name: string, edit: (text: string) => string): string {
  const text = readFileSync(join(TEMPLATES, 'government-security-baseline.yml'), 'utf8')
    .replace(/profile: .*/, `profile: ${PROFILE}`)
    .replace('metricsEndpoints: []', 'metricsEndpoints: [http://127.0.0.1:9464/metrics]');
  const file = join(scratch, name);
  writeFileSync(file, edit(text));
  return file;
}

beforeAll(async () => {
  repo = makeGitRepo('cara-compliance-check-');
  scratch = mkdtempSync(join(tmpdir(), 'cara-compliance-templates-'));
  expect((await cara(repo.dir, 'init')).code).toBe(0);
}, 60_000);
afterAll(() => {
  repo?.remove();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

describe('cara compliance check', () => {
  it('evaluates all eight templates, exits 1 when a control fails, and records the summary', async () => {
    const run = await cara(repo.dir, 'compliance', 'check', '--templates-dir', TEMPLATES, '--json');
    expect(run.code, run.stderr).toBe(1);
    const r = report(run);
    expect(r.totals.templates).toBe(8);
    expect(r.ok).toBe(false);
    // SI-4 fails: no deploy section and no metrics endpoint.
    expect(status(r, 'government-security-baseline', 'SI-4')).toBe('fail');
    expect(status(r, 'government-security-baseline', 'AU-9')).toBe('pass');
    // Without a database every NEPA rule is reported, as not assessed.
    const nepa = r.templates.find((t) => t.kind === 'nepa');
    expect(nepa?.controls.length).toBeGreaterThan(0);
    expect(nepa?.controls.every((c) => c.status === 'not-assessed')).toBe(true);
    expect(r.notes.join('\n')).toMatch(/no database given/);
    const log = await cara(repo.dir, 'audit', 'log', '--type', 'compliance.check', '--json');
    const events = JSON.parse(log.stdout) as {
      subject: string;
      outcome: { status: string };
      details: Record<string, unknown>;
    }[];
    expect(events.at(-1)).toMatchObject({
      subject: 'compliance:check',
      outcome: { status: 'failure' },
      details: {
        templates: 8,
        failedControls: expect.arrayContaining(['government-security-baseline/SI-4']),
      },
    });
  });

  it('prints a table per template', async () => {
    const run = await cara(
      repo.dir,
      'compliance',
      'check',
      '--template',
      join(TEMPLATES, 'audit-trail-structure.yml'),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/control\s+title\s+status\s+reason/);
    expect(run.stdout).toMatch(/ATS-3\s+The log verifies.*pass/);
  });

  it('changing allowSelfApproval changes the outcome of a planted self-approval', async () => {
    const planted = makeGitRepo('cara-compliance-self-');
    try {
      await cara(planted.dir, 'init');
      for (const type of ['deploy.start', 'approval.grant']) {
        const recorded = await cara(
          planted.dir,
          'audit',
          'record',
          '--type',
          type,
          '--outcome',
          'success',
          '--subject',
          'deploy/7',
          '--actor',
          'alice@example.gov',
        );
        expect(recorded.code, recorded.stderr).toBe(0);
      }
      const strict = federalVariant('strict.yml', (t) => t);
      const lenient = federalVariant('lenient.yml', (t) =>
        t.replaceAll('allowSelfApproval: false', 'allowSelfApproval: true'),
      );
      const refused = await cara(planted.dir, 'compliance', 'check', '--template', strict, '--json');
      expect(refused.code, refused.stderr).toBe(1);
      expect(status(report(refused), 'government-security-baseline', 'AC-5')).toBe('fail');
      const allowed = await cara(planted.dir, 'compliance', 'check', '--template', lenient, '--json');
      expect(allowed.code, allowed.stdout).toBe(0);
      expect(status(report(allowed), 'government-security-baseline', 'AC-5')).toBe('pass');
    } finally {
      planted.remove();
    }
  });

  it('changing the AU-11 minimum changes the outcome', async () => {
    const ninety = federalVariant('au11-90.yml', (t) => t);
    const year = federalVariant('au11-400.yml', (t) => t.replace('minimumDays: 90', 'minimumDays: 400'));
    const pass = report(await cara(repo.dir, 'compliance', 'check', '--template', ninety, '--json'));
    const fail = report(await cara(repo.dir, 'compliance', 'check', '--template', year, '--json'));
    expect(status(pass, 'government-security-baseline', 'AU-11')).toBe('pass');
    expect(status(fail, 'government-security-baseline', 'AU-11')).toBe('fail');
    // Titles are the template's (the FedRAMP profile carries ids, not titles); ids are in the baseline.
    // Without ../shared/data the profile cannot be read: membership is unknown (null), not false.
    const au11 = pass.templates[0]?.controls.find((c) => c.id === 'AU-11');
    expect(au11).toMatchObject({
      title: 'Audit Record Retention',
      inBaseline: existsSync(PROFILE) ? true : null,
    });
  });

  it('says so when the baseline profile is missing', async () => {
    const file = federalVariant('no-profile.yml', (t) =>
      t.replace(/profile: .*/, 'profile: ./missing-profile.json'),
    );
    const r = report(await cara(repo.dir, 'compliance', 'check', '--template', file, '--json'));
    expect(r.templates[0]?.baseline).toMatchObject({ found: false });
    expect(r.templates[0]?.controls.every((c) => c.inBaseline === null)).toBe(true);
    expect(r.notes.join('\n')).toMatch(/missing-profile\.json is missing/);
  });

  it('rejects an invalid template with exit 2, naming the file and line', async () => {
    const file = federalVariant('invalid.yml', (t) =>
      t
        .replace('minimumDays: 90', 'minimumDays: "ninety"')
        .replace('check: audit.timestamps', 'check: audit.sundial'),
    );
    const run = await cara(repo.dir, 'compliance', 'check', '--template', file);
    expect(run.code).toBe(2);
    const lineOf = (needle: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(needle)) + 1;
    expect(run.stderr).toContain(
      `${file}:${lineOf('audit.sundial')}: controls.2.rules.0.check: unknown check "audit.sundial"`,
    );
    expect(run.stderr).toContain(`${file}:${lineOf('"ninety"')}: controls.4.rules.0.parameters.minimumDays:`);
  });
});
