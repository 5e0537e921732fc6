/**
 * Retention end to end on a real initialised repository: old records planted with an injected
 * clock (audit events) or old timestamps (tables), then `cara compliance retention` as users run it.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo, makeTempDir, type TempRepo } from '../../../test/support/cli.js';
import { AuditLog } from '../../audit/index.js';
import { main } from '../../cli/main.js';
import { openRuntime } from '../../cli/runtime.js';
import { fixedClock, readEnv } from '../../core/index.js';

const env = readEnv({ CARA_ACTOR: 'alice@example.gov', NO_COLOR: '1' });
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function cara(dir: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = capture();
  const err = capture();
  const code = await main(['node', 'cara', ...args], {
    cwd: dir,
    env,
    output: { out: out.stream, err: err.stream, color: false },
  });
  process.exitCode = 0;
  return { code, out: out.text(), err: err.text() };
}

/** The config `cara init` wrote, before the retention section is added. */
let baseConfig = '';

function configure(dir: string, archiveDir = '.cara/archive'): void {
  writeFileSync(
    join(dir, 'cara.config.yaml'),
    `${baseConfig}
retention:
  archiveDir: ${archiveDir}
  policies:
    - { series: audit-events, days: 10 }
    - { series: test-runs, days: 30 }
    - { series: deployments, days: 30 }
    - { series: failure-records, days: 30, agency: DOE }
  legalHolds:
    - { series: audit-events, subject: case-7, reason: litigation }
    - { series: test-runs, subject: run-held, reason: investigation }
    - { series: deployments, subject: expired-hold, until: '2001-01-01', reason: lapsed }
`,
  );
}

/** Old audit events through the real append path with an injected clock, and old table rows. */
async function plant(dir: string): Promise<number> {
  const rt = await openRuntime({
    cwd: dir,
    env,
    output: { out: capture().stream, err: capture().stream, color: false },
    command: 'test',
  });
  try {
    const first = (await rt.audit.head()).size;
    const at = (start: string) =>
      new AuditLog({
        store: rt.store,
        context: {
          host: 'h',
          repository: dir,
          environment: 'test',
          actor: 'alice@example.gov',
          component: 'test',
          command: 'plant',
        },
        clock: fixedClock(start, 60_000),
        origin: rt.origin,
        signer: rt.signer,
      });
    const old = at('2020-01-01T00:00:00Z');
    for (const subject of ['old-0', 'old-1', 'case-7', 'old-3', 'old-4', 'old-5'])
      await old.record({
        type: 'test.run',
        outcome: 'success',
        subject,
        details: { marker: `ARCHIVED-${subject}` },
      });
    const mid = at(daysAgo(30));
    for (const subject of ['mid-0', 'mid-1', 'mid-2'])
      await mid.record({ type: 'test.run', outcome: 'success', subject });
    await rt.audit.checkpoint();

    const db = rt.store.db;
    const run = (id: string, created_at: string) => ({
      id,
      created_at,
      commit: `c-${id}`,
      runner: 'vitest',
      scope: 'all',
      total: 1,
      failed: 0,
      duration_ms: 5,
    });
    await db
      .insertInto('test_runs')
      .values([run('run-old', daysAgo(400)), run('run-held', daysAgo(400)), run('run-new', daysAgo(1))])
      .execute();
    await db
      .insertInto('test_results')
      .values(
        ['run-old', 'run-held', 'run-new'].map((run_id) => ({
          run_id,
          test_id: 't1',
          file: 'a.test.ts',
          name: 't1',
          outcome: 'passed',
          duration_ms: 1,
          attempts: 1,
          flaky_passed: 0,
          failure: null,
        })),
      )
      .execute();
    const deployment = (id: string, finished_at: string) => ({
      id,
      service: 'api',
      version: id,
      ref: 'main',
      commit: null,
      strategy: 'canary',
      state: 'finished',
      step: 0,
      active: 0,
      started_by: 'alice',
      started_at: finished_at,
      updated_at: finished_at,
      finished_at,
      outcome: 'promoted',
      reason: null,
      stable_version: null,
      plan: '{}',
      data: '{}',
      request: null,
      owner: null,
      heartbeat_at: null,
    });
    await db
      .insertInto('deployments')
      .values([deployment('expired-hold', daysAgo(100)), deployment('fresh', daysAgo(2))])
      .execute();
    await db
      .insertInto('deploy_approvals')
      .values({
        id: 'ap1',
        deployment_id: 'expired-hold',
        step: 0,
        actor: 'bob',
        decision: 'approve',
        comment: null,
        created_at: daysAgo(100),
      })
      .execute();
    await db
      .insertInto('failure_records')
      .values({
        id: 'f1',
        analysis_id: 'a1',
        created_at: daysAgo(400),
        run_id: null,
        source: 'log',
        test_id: null,
        log_file: 'x.log',
        line_no: 1,
        template_id: 't',
        template: 'boom <*>',
        signature: 's',
        message: 'boom 1',
        text: 'boom 1',
        frames: '[]',
      })
      .execute();
    return first;
  } finally {
    await rt.finish();
  }
}

function count(dir: string, sql: string): number {
  const db = new Database(join(dir, '.cara/cara.db'), { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

let repo: TempRepo;
let scratch: TempRepo;
/** The index of the first planted event (`cara init` records its own first). */
let first = 0;

beforeAll(async () => {
  repo = makeGitRepo('cara-retention-');
  scratch = makeTempDir('cara-retention-copies-');
  expect((await cara(repo.dir, 'init')).code).toBe(0);
  baseConfig = readFileSync(join(repo.dir, 'cara.config.yaml'), 'utf8');
  configure(repo.dir);
  first = await plant(repo.dir);
  expect(
    (
      await cara(
        repo.dir,
        'audit',
        'record',
        '--type',
        'test.run',
        '--outcome',
        'success',
        '--subject',
        'now',
      )
    ).code,
  ).toBe(0);
}, 60_000);
afterAll(() => {
  repo?.remove();
  scratch?.remove();
});

function copyOf(): string {
  const dir = join(scratch.dir, `case-${Math.random().toString(36).slice(2)}`);
  cpSync(repo.dir, dir, { recursive: true });
  return dir;
}

describe('cara compliance retention', () => {
  it('dry run lists per series what expires and what is held, and deletes nothing', async () => {
    const dir = copyOf();
    const before = count(dir, 'select count(*) n from audit_events where id is not null');
    const { code, out } = await cara(dir, 'compliance', 'retention', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    const by = Object.fromEntries(report.series.map((s: { series: string }) => [s.series, s]));
    expect(report.mode).toBe('dry-run');
    // Five 2020 events expire; case-7 is on legal hold; the 30-day-old ones are under the AU-11 minimum.
    expect(by['audit-events']).toMatchObject({ expiring: 5, heldByLegalHold: 1, heldByMinimum: 3 });
    expect(by['audit-events'].oldest).toBe('2020-01-01T00:00:00.000Z');
    expect(by['test-runs']).toMatchObject({ expiring: 1, heldByLegalHold: 1, heldByMinimum: 0 });
    // The lapsed hold no longer protects its deployment; the fresh one is too young.
    expect(by.deployments).toMatchObject({ expiring: 1, heldByLegalHold: 0 });
    expect(by['failure-records'].expiring).toBe(0);
    expect(by['failure-records'].notes.join()).toMatch(/carry no agency/);
    expect(count(dir, 'select count(*) n from audit_events where id is not null')).toBe(before);
    expect(count(dir, 'select count(*) n from test_runs')).toBe(3);
    expect(existsSync(join(dir, '.cara/archive'))).toBe(false);
    const human = await cara(dir, 'compliance', 'retention');
    expect(human.out).toMatch(/dry run: 7 record\(s\) would be archived/);
    expect(human.out).toMatch(/test-runs: 1 held for run-held: investigation/);
  });

  it('an unwritable archive folder is a clear error and deletes nothing', async () => {
    const dir = copyOf();
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder\n');
    configure(dir, 'blocker/archive');
    const { code, err } = await cara(dir, 'compliance', 'retention', '--apply');
    expect(code).toBe(2);
    expect(err).toMatch(/cannot write the retention archive in .*blocker\/archive.*nothing was deleted/);
    expect(count(dir, 'select count(*) n from test_runs')).toBe(3);
    expect(count(dir, 'select count(*) n from audit_events where leaf like \'{"pruned":%\'')).toBe(0);
    expect((await cara(dir, 'audit', 'verify')).code).toBe(0);
  });

  describe('--apply', () => {
    let dir: string;
    let bundle: string;

    beforeAll(async () => {
      dir = copyOf();
      const { code, out, err } = await cara(dir, 'compliance', 'retention', '--apply', '--json');
      expect(err).toBe('');
      expect(code).toBe(0);
      const report = JSON.parse(out);
      expect(report.deleted).toEqual({ 'audit-events': 5, 'test-runs': 1, deployments: 1 });
      bundle = join(dir, report.bundle.path);
    }, 30_000);

    it('archives into a signed bundle, then deletes; held and young records stay', () => {
      expect(readdirSync(bundle).sort()).toEqual(['manifest.note', 'records.ndjson']);
      const lines = readFileSync(join(bundle, 'records.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.series)).toEqual([
        ...Array(5).fill('audit-events'),
        'test-runs',
        'deployments',
      ]);
      expect(lines[0].record.leaf).toContain('ARCHIVED-old-0');
      expect(lines[5].record.results).toHaveLength(1);
      expect(lines[6].record.approvals).toHaveLength(1);
      expect(count(dir, "select count(*) n from test_runs where id in ('run-held', 'run-new')")).toBe(2);
      expect(count(dir, "select count(*) n from test_results where run_id = 'run-old'")).toBe(0);
      expect(count(dir, "select count(*) n from deployments where id = 'fresh'")).toBe(1);
      expect(count(dir, "select count(*) n from audit_events where leaf like '%ARCHIVED-%'")).toBe(1);
      expect(
        count(
          dir,
          "select count(*) n from audit_events where subject in ('case-7', 'mid-0', 'mid-1', 'mid-2')",
        ),
      ).toBe(4);
    });

    it('the audit log still verifies, lists the pruned range and records the deletion', async () => {
      const verify = await cara(dir, 'audit', 'verify', '--json');
      expect(verify.code).toBe(0);
      expect(JSON.parse(verify.out)).toMatchObject({ ok: true, pruned: 5 });
      const log = await cara(dir, 'audit', 'log');
      const ranges = `#${first}-#${first + 1}, #${first + 3}-#${first + 5}`;
      expect(log.out).toContain(`: 5 event(s) ${ranges}, archived in .cara/archive/retention-`);
      const events = JSON.parse((await cara(dir, 'audit', 'log', '--json')).out) as {
        type: string;
        subject: string;
        details: Record<string, unknown>;
      }[];
      expect(events.some((e) => e.subject === 'old-0')).toBe(false);
      const deletion = events.find((e) => e.type === 'data.delete');
      const digest = readFileSync(join(bundle, 'records.ndjson'));
      expect(deletion?.details.digest).toBe(
        `sha256:${(await import('node:crypto')).createHash('sha256').update(digest).digest('hex')}`,
      );
      expect(deletion?.details.bundle).toMatch(/^\.cara\/archive\/retention-/);
      expect((await cara(dir, 'audit', 'prove', String(first))).err).toMatch(/pruned by retention/);
      expect((await cara(dir, 'audit', 'prove', String(first + 2))).code).toBe(0);
    });

    it('the bundle verifies with the public key alone, and a changed byte fails it', async () => {
      expect((await cara(dir, 'compliance', 'retention', 'verify', bundle)).code).toBe(0);
      writeFileSync(join(scratch.dir, 'audit.vkey'), (await cara(dir, 'audit', 'key')).out);
      const withKey = await cara(
        scratch.dir,
        'compliance',
        'retention',
        'verify',
        bundle,
        '--key',
        join(scratch.dir, 'audit.vkey'),
        '--json',
      );
      expect(withKey.code).toBe(0);
      expect(JSON.parse(withKey.out)).toMatchObject({ ok: true, records: 7, problems: [] });
      const copy = join(scratch.dir, 'bundle-copy');
      cpSync(bundle, copy, { recursive: true });
      const file = join(copy, 'records.ndjson');
      writeFileSync(file, readFileSync(file, 'utf8').replace('ARCHIVED-old-1', 'ARCHIVED-old-9'));
      const bad = await cara(
        scratch.dir,
        'compliance',
        'retention',
        'verify',
        copy,
        '--key',
        join(scratch.dir, 'audit.vkey'),
      );
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/sha256/);
      expect(bad.err).toMatch(/does not hash to its recorded leaf hash/);
    });

    it('verify still catches tampering with a remaining event, or a forged pruning', async () => {
      const edited = join(scratch.dir, `edited-${Math.random().toString(36).slice(2)}`);
      cpSync(dir, edited, { recursive: true });
      const db = new Database(join(edited, '.cara/cara.db'));
      db.prepare("update audit_events set leaf = replace(leaf, 'mid-1', 'mid-X') where seq = ?").run(
        first + 7,
      );
      db.close();
      const modified = JSON.parse((await cara(edited, 'audit', 'verify', '--json')).out);
      expect(modified).toMatchObject({ ok: false, failure: { index: first + 7, kind: 'modified' } });

      const forged = join(scratch.dir, `forged-${Math.random().toString(36).slice(2)}`);
      cpSync(dir, forged, { recursive: true });
      const fdb = new Database(join(forged, '.cara/cara.db'));
      const id = (fdb.prepare('select id from audit_prunes').get() as { id: string }).id;
      // Hiding the held event under the real bundle's marker: the signed statement does not list it.
      const held = first + 2;
      fdb
        .prepare('update audit_events set leaf = ? where seq = ?')
        .run(`{"pruned":"${id}","seq":${held}}`, held);
      fdb.close();
      const hidden = JSON.parse((await cara(forged, 'audit', 'verify', '--json')).out);
      expect(hidden).toMatchObject({ ok: false, failure: { kind: 'pruned' } });
    });

    it('a second run finds nothing more to expire', async () => {
      const again = await cara(dir, 'compliance', 'retention', '--apply');
      expect(again.code).toBe(0);
      expect(again.out).toMatch(/nothing expired/);
    });
  });
});
