/**
 * Audit log benchmark: append throughput (SQLite, PostgreSQL), verify throughput against the
 * SHA-256 limit, and proof latency, on one log of `--events` events (1,000,000 by default).
 *
 *   npx tsx bench/audit.ts [--events N] [--quick] [--no-postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { NoteSigner, TreeHead } from '../src/audit/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from '../test/support/postgres.js';
import { type AppendMeasurement, measureAppends } from './lib/audit-append.js';
import { benchAuditLog, benchSigner, buildLog } from './lib/audit-fixture.js';
import {
  measureConsistencyProofs,
  measureInclusionProofs,
  type ProofMeasurement,
} from './lib/audit-proofs.js';
import { measureVerifyAgainstLimit } from './lib/audit-verify.js';
import { type Cleanup, createCleanup, InterruptedError } from './lib/cleanup.js';
import { formatCount, formatDuration, formatMs, formatRate } from './lib/format.js';
import { seededRandom } from './lib/random.js';
import { machineInfo, writeResults } from './lib/results.js';
import { formatTable } from './lib/table.js';
import { perSecond, timed } from './lib/timing.js';

const TARGET_RATIO = 0.5;
const TARGET_MEDIAN_MS = 1;
const RUNS = 3;
const PROOFS = 1_000;
const PROOF_WARMUP = 50;
const SNAPSHOTS = 100;

interface AuditBenchOptions {
  events: number;
  quick: boolean;
  postgres: boolean;
}

type Status = 'PASS' | 'FAIL' | '';
type Row = [measurement: string, store: string, n: string, result: string, target: string, status: Status];

const note = (line: string) => process.stderr.write(`${line}\n`);
const pass = (ok: boolean): Status => (ok ? 'PASS' : 'FAIL');

function parseOptions(argv: string[]): AuditBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-postgres': { type: 'boolean', default: false },
    },
  });
  const events = values.events === undefined ? (values.quick ? 20_000 : 1_000_000) : Number(values.events);
  if (!Number.isSafeInteger(events) || events < 2) {
    throw new Error(`--events must be a whole number of at least 2, got "${values.events}"`);
  }
  return { events, quick: values.quick, postgres: !values['no-postgres'] };
}

async function main(options: AuditBenchOptions): Promise<void> {
  const started = Date.now();
  const cleanup = createCleanup(note);
  try {
    const tmp = mkdtempSync(join(tmpdir(), 'cara-bench-audit-'));
    cleanup.defer(() => rm(tmp, { recursive: true, force: true }));
    // Last resort when a second Ctrl-C exits without the async cleanup.
    process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
    const { signal } = cleanup;
    const signer = benchSigner(tmp);
    const rows: Row[] = [];
    const results: Record<string, unknown> = {};

    const counts = options.quick
      ? { sqlite: { singles: 200, batched: 5_000 }, postgres: { singles: 100, batched: 2_000 } }
      : { sqlite: { singles: 2_000, batched: 50_000 }, postgres: { singles: 500, batched: 20_000 } };

    // 1. Append throughput.
    note('append throughput on SQLite');
    const sqliteAppends = await withStore({ sqlitePath: join(tmp, 'append.sqlite') }, (store) =>
      measureAppends(benchAuditLog(store, signer), {
        ...counts.sqlite,
        batchSize: 1_000,
        warmup: 50,
        signal,
      }),
    );
    rows.push(...sqliteAppends.map((m) => appendRow('sqlite', m)));
    const postgres = await appendOnPostgres(options, counts.postgres, signer, rows, cleanup);
    results.append = { sqlite: sqliteAppends, postgres };

    // 2. Build the big log, keeping heads at random sizes for the consistency proofs.
    const storeFile = join(tmp, 'log.sqlite');
    const store = await openStore({ sqlitePath: storeFile });
    cleanup.defer(() => store.close());
    const audit = benchAuditLog(store, signer);
    const random = seededRandom(0x5eed);
    const snapshotAt = Array.from({ length: Math.min(SNAPSHOTS, options.events - 1) }, () =>
      Math.max(1, Math.floor(random() * options.events)),
    );
    note(`building a log of ${formatCount(options.events)} events in batches of 5,000`);
    const build = await timed(() =>
      buildLog(audit, {
        events: options.events,
        batch: 5_000,
        snapshotAt,
        progressEvery: options.quick ? 5_000 : 100_000,
        onProgress: (done, total) => note(`  ${formatCount(done)} / ${formatCount(total)} events`),
        signal,
      }),
    );
    const snapshots = build.result;
    const checkpoint = await audit.checkpoint();
    const head: TreeHead = { size: checkpoint.size, root: checkpoint.root };
    const buildRate = perSecond(options.events, build.ms);
    note(`  built in ${formatDuration(build.ms)} (${formatRate(buildRate)})`);
    rows.push([
      'build log, batches of 5,000',
      'sqlite',
      formatCount(options.events),
      formatRate(buildRate),
      '',
      '',
    ]);
    results.build = { events: options.events, batch: 5_000, ms: build.ms, eventsPerSecond: buildRate };

    // 3. Proof latency on the full tree (before the limit's leaf bytes fill the heap).
    note(`timing ${PROOFS} inclusion and ${PROOFS} consistency proofs`);
    const inclusion = await measureInclusionProofs(audit, head, PROOFS, PROOF_WARMUP, random, signal);
    const consistency = await measureConsistencyProofs(
      audit,
      snapshots,
      head,
      PROOFS,
      PROOF_WARMUP,
      random,
      signal,
    );
    const proofRows = [
      proofRow('inclusion proof, prove()', inclusion),
      proofRow('consistency proof', consistency),
    ];
    results.proofs = {
      inclusion: {
        ...inclusion,
        targetMedianMs: TARGET_MEDIAN_MS,
        pass: inclusion.medianMs < TARGET_MEDIAN_MS,
      },
      consistency: {
        ...consistency,
        snapshots: snapshots.length,
        targetMedianMs: TARGET_MEDIAN_MS,
        pass: consistency.medianMs < TARGET_MEDIAN_MS,
      },
    };

    // 4. Verify against the physical limit, in interleaved rounds.
    note(`verify and the SHA-256 limit, ${RUNS} rounds`);
    const v = await measureVerifyAgainstLimit(audit, store.db, head, RUNS, note, signal);
    // Two limits, both raw node:crypto SHA-256 over the same bytes: the Hash-object API
    // (createHash) and the faster one-shot crypto.hash. Both ratios are reported and judged.
    const rootsOk = v.verify.ok && v.limit.rootMatches && v.oneShot.rootMatches;
    const ratio = v.ratio;
    const ratioOk = rootsOk && v.ratio >= TARGET_RATIO;
    const strictOk = rootsOk && v.oneShotRatio >= TARGET_RATIO;
    const n = formatCount(options.events);
    rows.push(
      [`verify (best of ${RUNS})`, 'sqlite', n, rateAndTime(v.verify), '', v.verify.ok ? '' : 'FAIL'],
      [`SHA-256 limit, createHash (best of ${RUNS})`, 'memory', n, rateAndTime(v.limit), '', ''],
      [`SHA-256 limit, one-shot crypto.hash (best of ${RUNS})`, 'memory', n, rateAndTime(v.oneShot), '', ''],
      ['verify / createHash limit', '', '', v.ratio.toFixed(3), `>= ${TARGET_RATIO}`, pass(ratioOk)],
      [
        'verify / one-shot limit (stricter)',
        '',
        '',
        v.oneShotRatio.toFixed(3),
        `>= ${TARGET_RATIO}`,
        pass(strictOk),
      ],
      ...proofRows,
    );
    results.verify = v.verify;
    results.limit = v.limit;
    results.oneShotLimit = v.oneShot;
    results.ratio = {
      value: ratio,
      target: TARGET_RATIO,
      pass: ratioOk,
      createHash: v.ratio,
      oneShot: v.oneShotRatio,
    };

    const durationMs = Date.now() - started;
    process.stdout.write(
      `\nAudit log, ${formatCount(options.events)} events (${formatDuration(durationMs)} in all)\n\n` +
        `${formatTable(
          [
            { header: 'Measurement' },
            { header: 'Store' },
            { header: 'N', align: 'right' },
            { header: 'Result', align: 'right' },
            { header: 'Target' },
            { header: 'Status' },
          ],
          rows,
        )}\n\n`,
    );
    const file = writeResults(options.quick ? 'audit-quick' : 'audit', {
      benchmark: 'audit',
      machine: machineInfo(new Date(started)),
      options,
      durationMs,
      ...results,
    });
    note(`results written to ${file}`);
  } finally {
    await cleanup.run();
  }
}

/** Opens a store, runs `fn` on it and closes it again. */
async function withStore<T>(
  location: { sqlitePath: string } | { databaseUrl: string },
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(location);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Append throughput on a throwaway PostgreSQL cluster; a row says why when there is none. */
async function appendOnPostgres(
  options: AuditBenchOptions,
  counts: { singles: number; batched: number },
  signer: () => NoteSigner,
  rows: Row[],
  cleanup: Cleanup,
): Promise<AppendMeasurement[] | { skipped: string } | { failed: string }> {
  const reason = options.postgres ? postgresSkipReason() : '--no-postgres';
  if (reason !== undefined) {
    rows.push(['append', 'postgres', '', `skipped: ${reason}`, '', '']);
    return { skipped: reason };
  }
  note('append throughput on PostgreSQL (throwaway cluster)');
  let pg: ThrowawayPostgres | undefined;
  try {
    pg = await startPostgres({ log: note });
    cleanup.defer(pg.stop);
    const url = pg.url;
    const measured = await withStore({ databaseUrl: url }, (store) =>
      measureAppends(benchAuditLog(store, signer), {
        ...counts,
        batchSize: 1_000,
        warmup: 20,
        signal: cleanup.signal,
      }),
    );
    rows.push(...measured.map((m) => appendRow('postgres', m)));
    return measured;
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    // One broken store must not cost the hour-long SQLite part; the run still exits non-zero.
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    note(`  PostgreSQL append benchmark failed: ${message}`);
    rows.push(['append', 'postgres', '', `failed: ${message}`, '', '']);
    process.exitCode = 1;
    return { failed: message };
  } finally {
    // Stop now rather than at exit: the server would otherwise compete with the verify runs.
    await pg?.stop();
  }
}

function appendRow(store: string, m: AppendMeasurement): Row {
  const label =
    m.mode === 'single' ? 'append, 1 event per transaction' : `append, batches of ${formatCount(m.batch)}`;
  return [label, store, formatCount(m.events), formatRate(m.eventsPerSecond), '', ''];
}

function proofRow(label: string, m: ProofMeasurement): Row {
  return [
    `${label} @ ${formatCount(m.treeSize)}`,
    'sqlite',
    formatCount(m.count),
    `median ${formatMs(m.medianMs)}, p99 ${formatMs(m.p99Ms)}`,
    `median < ${TARGET_MEDIAN_MS} ms`,
    pass(m.medianMs < TARGET_MEDIAN_MS),
  ];
}

function rateAndTime(m: { eventsPerSecond: number; bestMs: number }): string {
  return `${formatRate(m.eventsPerSecond)} (${formatMs(m.bestMs)})`;
}

let options: AuditBenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  note(`bench/audit: ${error instanceof Error ? error.message : String(error)}`);
  note('usage: tsx bench/audit.ts [--events N] [--quick] [--no-postgres]');
  process.exit(2);
}
main(options).catch((error: unknown) => {
  if (error instanceof InterruptedError) {
    process.exitCode = error.exitCode;
    return;
  }
  note(`bench/audit failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
