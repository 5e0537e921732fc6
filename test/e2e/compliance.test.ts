/**
 * `cara compliance nepa` on databases the reference NEPA agent writes: its demo seed passes every
 * rule, its violation seed yields exactly the planted violations, on PGlite and on PostgreSQL 15.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openDatabase,
  SEEDED_VIOLATIONS,
  seedDemo,
  seededRowId,
  seedViolations,
} from '../../examples/nepa-agent/src/db/index.js';
import type { NepaReport } from '../../src/compliance/index.js';
import { readEnv } from '../../src/core/index.js';
import { makeGitRepo, projectRoot, runCara, type TempRepo } from '../support/cli.js';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from '../support/postgres.js';

const TEMPLATE = join(projectRoot, 'deployment/compliance-templates/nepa-entity-validation-template.yml');
const CROSSWALK = join(projectRoot, '../shared/data/nepa/database_crosswalk.csv');
const EXPECTED = SEEDED_VIOLATIONS.map((v) => `${v.entity} ${v.key} ${v.rule}`).sort();

const pgSkip = postgresSkipReason();
if (pgSkip !== undefined && readEnv().ci)
  throw new Error(`PostgreSQL is required in CI but missing: ${pgSkip}`);
if (pgSkip !== undefined) console.warn(`cara compliance nepa on PostgreSQL skipped: ${pgSkip}`);

let repo: TempRepo;
let demoDir: string;
let violationsDir: string;

/** Creates and seeds a database with the reference agent's own code, then closes it. */
async function seeded(options: { dataDir?: string; databaseUrl?: string }, seed: 'demo' | 'violations') {
  const db = await openDatabase(options);
  try {
    await (seed === 'demo' ? seedDemo(db) : seedViolations(db));
  } finally {
    await db.close();
  }
}

async function nepa(args: string[]): Promise<{ code: number; report: NepaReport; stderr: string }> {
  const result = await runCara(['compliance', 'nepa', '--template', TEMPLATE, '--json', ...args], {
    cwd: repo.dir,
  });
  return { code: result.code, report: JSON.parse(result.stdout) as NepaReport, stderr: result.stderr };
}

const found = (report: NepaReport) =>
  report.violations.map((v) => `${v.table} ${v.seedKey} ${v.rule}`).sort();

function expectAllPass(report: NepaReport): void {
  const notPassing = report.rules.filter((rule) => rule.status !== 'pass');
  // Without the shared crosswalk the column check says so instead of passing.
  const allowed = notPassing.filter(
    (rule) => rule.id === 'schema-columns-crosswalk' && rule.status === 'not-assessed',
  );
  expect(notPassing, JSON.stringify(notPassing)).toEqual(allowed);
  expect(report.violations).toEqual([]);
  expect(report.conformant).toBe(true);
}

beforeAll(async () => {
  repo = makeGitRepo('cara-compliance-');
  const init = await runCara(['init'], { cwd: repo.dir });
  expect(init.code, init.stderr).toBe(0);
  demoDir = join(repo.dir, 'demo-data');
  violationsDir = join(repo.dir, 'violations-data');
  await seeded({ dataDir: demoDir }, 'demo');
  await seeded({ dataDir: violationsDir }, 'violations');
});
afterAll(() => repo?.remove());

describe('cara compliance nepa on PGlite', () => {
  it('passes every rule on the demo seed, with per-entity pass rates, and records the run', async () => {
    const { code, report } = await nepa(['--pglite', demoDir]);
    expectAllPass(report);
    expect(code).toBe(0);
    const project = report.entities.find((e) => e.entity === 'project');
    expect(project).toMatchObject({ table: 'project', rows: 3, violatingRows: 0, passRate: 1 });
    expect(report.entities).toHaveLength(13);
    const audit = await runCara(['audit', 'log', '--type', 'compliance.check', '--json'], { cwd: repo.dir });
    expect(audit.stdout).toMatch(/compliance\.check/);
  });

  it('reports every planted violation with its row, rule and citation, and nothing else', async () => {
    const { code, report } = await nepa(['--pglite', violationsDir]);
    expect(code).toBe(1);
    expect(found(report)).toEqual(EXPECTED);
    const db = await openDatabase({ dataDir: violationsDir });
    try {
      for (const planted of SEEDED_VIOLATIONS) {
        const violation = report.violations.find((v) => v.seedKey === planted.key && v.rule === planted.rule);
        expect(violation?.rowId).toBe(String(await seededRowId(db, planted.entity, planted.key)));
        expect(violation?.citation).not.toBe('');
      }
    } finally {
      await db.close();
    }
    const eaPages = report.violations.find((v) => v.rule === 'ea-over-75-pages');
    expect(eaPages?.citation).toMatch(/42 U\.S\.C\. 4336a/);
    const project = report.entities.find((e) => e.entity === 'project');
    expect(project?.passRate).toBeGreaterThan(0);
    expect(project?.passRate).toBeLessThan(1);
  });

  it('prints a human report by default with the rows and rules', async () => {
    const result = await runCara(['compliance', 'nepa', '--template', TEMPLATE, '--pglite', violationsDir], {
      cwd: repo.dir,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/NOT CONFORMANT/);
    expect(result.stdout).toMatch(/viol:VIOL-EA-LONG:ea-doc\s+ea-over-75-pages/);
    expect(result.stdout).toMatch(/pass rate/);
  });

  it('follows template parameters: an EA page limit of 150 clears the 112-page EA, a 250-page EIS limit flags the demo', async () => {
    const dir = mkdtempSync(join(repo.dir, 'tpl-'));
    const text = readFileSync(TEMPLATE, 'utf8');
    const lenient = join(dir, 'lenient.yml');
    writeFileSync(lenient, text.replace('eaPageLimit: 75', 'eaPageLimit: 150'));
    const relaxed = await runCara(
      [
        'compliance',
        'nepa',
        '--template',
        lenient,
        '--crosswalk',
        CROSSWALK,
        '--pglite',
        violationsDir,
        '--json',
      ],
      { cwd: repo.dir },
    );
    const relaxedReport = JSON.parse(relaxed.stdout) as NepaReport;
    expect(found(relaxedReport)).toEqual(EXPECTED.filter((line) => !line.endsWith('ea-over-75-pages')));
    const strict = join(dir, 'strict.yml');
    writeFileSync(strict, text.replace('eisComplexPageLimit: 300', 'eisComplexPageLimit: 250'));
    const strictRun = await runCara(
      ['compliance', 'nepa', '--template', strict, '--crosswalk', CROSSWALK, '--pglite', demoDir, '--json'],
      { cwd: repo.dir },
    );
    expect(strictRun.code).toBe(1);
    expect(found(JSON.parse(strictRun.stdout) as NepaReport)).toEqual([
      'document demo:BLM-NV-2022-0107:deis eis-over-150-pages',
      'document demo:BLM-NV-2022-0107:feis eis-over-150-pages',
    ]);
  });

  it('pages through results (pageSize 1) and follows the template table mapping', async () => {
    const dir = mkdtempSync(join(repo.dir, 'tpl-'));
    const text = readFileSync(TEMPLATE, 'utf8');
    const paged = join(dir, 'paged.yml');
    writeFileSync(paged, text.replace('pageSize: 1000', 'pageSize: 1'));
    const run = await runCara(
      [
        'compliance',
        'nepa',
        '--template',
        paged,
        '--crosswalk',
        CROSSWALK,
        '--pglite',
        violationsDir,
        '--json',
      ],
      { cwd: repo.dir },
    );
    expect(found(JSON.parse(run.stdout) as NepaReport)).toEqual(EXPECTED);

    const renamedDir = join(repo.dir, 'renamed-data');
    await seeded({ dataDir: renamedDir }, 'violations');
    const db = await openDatabase({ dataDir: renamedDir });
    await db.query('alter table comment rename to public_comment');
    await db.close();
    const unmapped = await nepa(['--pglite', renamedDir]);
    expect(unmapped.report.rules.find((rule) => rule.id === 'schema-tables-present')?.violations).toBe(1);
    const mapped = join(dir, 'mapped.yml');
    writeFileSync(mapped, text.replace('public_comment: comment', 'public_comment: public_comment'));
    const remapped = await runCara(
      [
        'compliance',
        'nepa',
        '--template',
        mapped,
        '--crosswalk',
        CROSSWALK,
        '--pglite',
        renamedDir,
        '--json',
      ],
      { cwd: repo.dir },
    );
    const report = JSON.parse(remapped.stdout) as NepaReport;
    expect(found(report)).toEqual(
      EXPECTED.map((line) => line.replace(/^comment /, 'public_comment ')).sort(),
    );
  });

  it('rejects an unknown rule with the file and line, and reports a database without tables or a refusing server', async () => {
    const bad = join(mkdtempSync(join(repo.dir, 'bad-')), 'bad.yml');
    writeFileSync(bad, 'version: 1\nrules:\n  ea-over-80-pages: true\n');
    const rejected = await runCara(['compliance', 'nepa', '--template', bad, '--pglite', demoDir], {
      cwd: repo.dir,
    });
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain(`${bad}:3: rules: unknown rule "ea-over-80-pages"`);

    const emptyDir = join(repo.dir, 'empty-data');
    await (await openDatabase({ dataDir: emptyDir, migrations: [] })).close();
    const empty = await nepa(['--pglite', emptyDir]);
    expect(empty.code).toBe(1);
    const tables = empty.report.rules.find((rule) => rule.id === 'schema-tables-present');
    expect(tables).toMatchObject({ status: 'fail', violations: 13 });
    expect(empty.report.rules.find((rule) => rule.id === 'ea-over-75-pages')?.status).toBe('not-assessed');

    const refused = await nepa(['--database-url', 'postgres://nobody:secret@127.0.0.1:1/nepa']);
    expect(refused.code).toBe(1);
    expect(refused.report.conformant).toBe(false);
    expect(refused.report.database).not.toContain('secret');
    expect(refused.report.rules.every((rule) => rule.status === 'error')).toBe(true);
  });
});

describe.skipIf(pgSkip !== undefined)(
  `cara compliance nepa on PostgreSQL${pgSkip ? ` (skipped: ${pgSkip})` : ''}`,
  () => {
    let server: ThrowawayPostgres | undefined;
    const database = async (name: string): Promise<string> => {
      if (server === undefined) throw new Error('the PostgreSQL server did not start');
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      return server.url.replace(/\/postgres$/, `/${name}`);
    };
    beforeAll(async () => {
      server = await startPostgres();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('passes the demo seed and finds exactly the planted violations', async () => {
      const demo = await database('nepa_demo');
      await seeded({ databaseUrl: demo }, 'demo');
      const clean = await nepa(['--database-url', demo]);
      expectAllPass(clean.report);
      expect(clean.code).toBe(0);
      const violations = await database('nepa_violations');
      await seeded({ databaseUrl: violations }, 'violations');
      const dirty = await nepa(['--database-url', violations]);
      expect(dirty.code).toBe(1);
      expect(found(dirty.report)).toEqual(EXPECTED);
    });
  },
);

const SCHEMA = join(projectRoot, '../shared/data/nepa/nepa.schema.json');
const schemaPresent = existsSync(SCHEMA);
if (!schemaPresent) console.warn(`Skipping the JSON export checks: ${SCHEMA} not found`);

describe.skipIf(!schemaPresent)('cara compliance nepa --json-file', () => {
  const project = {
    project_id: 'BLM-NV-2022-0107',
    project_title: 'Silver Basin Solar Energy Project',
    project_description: 'A 700 MW photovoltaic facility.',
    project_sector: 'energy',
    project_sponsor: { name: 'Silver Basin Solar LLC' },
    lead_agency: 'Bureau of Land Management',
    location: { description: 'Nye County, Nevada' },
  };

  it('passes a conforming export and names every issue of a broken one by JSON pointer', async () => {
    writeFileSync(join(repo.dir, 'good.json'), JSON.stringify({ projects: [project] }));
    const good = await runCara(
      ['compliance', 'nepa', '--json-file', 'good.json', '--schema', SCHEMA, '--json'],
      {
        cwd: repo.dir,
      },
    );
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ conformant: true, totalIssues: 0 });
    const { lead_agency: _dropped, ...noAgency } = project;
    writeFileSync(
      join(repo.dir, 'bad.json'),
      JSON.stringify({ projects: [project, noAgency], documents: [] }),
    );
    const bad = await runCara(
      ['compliance', 'nepa', '--json-file', 'bad.json', '--schema', SCHEMA, '--json'],
      {
        cwd: repo.dir,
      },
    );
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as {
      issues: { path: string; message: string }[];
      collections: unknown[];
    };
    expect(report.issues).toContainEqual({
      path: '/projects/1',
      message: 'missing required property lead_agency',
    });
    expect(report.issues).toContainEqual({ path: '/', message: 'documents needs processes to be present' });
    expect(report.collections).toContainEqual({ name: 'projects', rows: 2, invalidRows: 1 });
    writeFileSync(join(repo.dir, 'broken.json'), '{"projects": [');
    const broken = await runCara(['compliance', 'nepa', '--json-file', 'broken.json', '--schema', SCHEMA], {
      cwd: repo.dir,
    });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json is not valid JSON/);
  });
});
