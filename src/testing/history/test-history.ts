import type { Kysely } from 'kysely';
import { uuidv7 } from '../../core/index.js';
import type { Database, Store } from '../../store/index.js';
import type { QuarantineEntry, RunSummary, TestRunRecord } from '../flaky/index.js';
import type { TestRunResult } from '../results/index.js';
import type { ShardItem } from '../shard/index.js';
import { coFailureCounts } from './selection-store.js';

const CHUNK = 300;

/** Stores a run and its results; returns the run id. */
export async function recordTestRun(
  store: Store,
  run: TestRunResult,
  options: { commit: string; scope: string; at: string },
): Promise<string> {
  const id = uuidv7();
  const failed = run.tests.filter((t) => t.outcome === 'failed' || t.outcome === 'errored').length;
  await store.exclusive('test-history', async (trx) => {
    await trx
      .insertInto('test_runs')
      .values({
        id,
        created_at: options.at,
        commit: options.commit,
        runner: run.runner,
        scope: options.scope,
        total: run.tests.length,
        failed,
        duration_ms: Math.round(run.durationMs),
      })
      .execute();
    const rows = [...new Map(run.tests.map((t) => [t.id, t])).values()].map((t) => ({
      run_id: id,
      test_id: t.id,
      file: t.file ?? null,
      name: t.name,
      outcome: t.outcome,
      duration_ms: Math.round(t.durationMs),
      attempts: t.attempts,
      flaky_passed: t.flakyPassed ? 1 : 0,
      failure: t.failure ? failureText(t.failure).slice(0, 8000) : null,
    }));
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto('test_results')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  });
  return id;
}

/** The message, then the stack (unless it already starts with the message): what failure analysis reads later. */
function failureText(failure: { message: string; stack?: string }): string {
  const stack = failure.stack?.trim();
  if (!stack) return failure.message;
  return stack.startsWith(failure.message.trim()) ? stack : `${failure.message}\n${stack}`;
}

/** The stored history in the shape flaky classification reads. */
export async function loadTestHistory(
  db: Kysely<Database>,
): Promise<{ records: TestRunRecord[]; runs: RunSummary[] }> {
  const runs = await db.selectFrom('test_runs').selectAll().orderBy('created_at').execute();
  const byRun = new Map(runs.map((r) => [r.id, r]));
  const results = await db.selectFrom('test_results').selectAll().execute();
  const records: TestRunRecord[] = [];
  for (const r of results) {
    const run = byRun.get(r.run_id);
    if (!run) continue;
    const final = r.outcome as TestRunRecord['attempts'][number]['outcome'];
    // A pass after failures was stored as attempts-1 failures then the pass.
    const failedAttempts = r.flaky_passed === 1 ? r.attempts - 1 : final === 'passed' ? 0 : r.attempts - 1;
    const attempts = [
      ...Array.from({ length: Math.max(0, failedAttempts) }, () => ({ outcome: 'failed' as const })),
      { outcome: final },
    ];
    records.push({
      runId: r.run_id,
      commit: run.commit,
      at: Date.parse(run.created_at),
      testId: r.test_id,
      attempts,
    });
  }
  return {
    records,
    runs: runs.map((r) => ({ runId: r.id, total: Number(r.total), failed: Number(r.failed) })),
  };
}

/** Median historical duration of each test file, for sharding and budgets. */
export async function fileDurations(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('test_results')
    .select(['run_id', 'file', 'duration_ms'])
    .where('file', 'is not', null)
    .execute();
  const perRun = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.file}\u0000${r.run_id}`;
    perRun.set(key, (perRun.get(key) ?? 0) + Number(r.duration_ms));
  }
  const byFile = new Map<string, number[]>();
  for (const [key, ms] of perRun) {
    const file = key.split('\u0000')[0] as string;
    byFile.set(file, [...(byFile.get(file) ?? []), ms]);
  }
  const medians = new Map<string, number>();
  for (const [file, list] of byFile) {
    const sorted = list.sort((a, b) => a - b);
    medians.set(file, sorted[Math.floor((sorted.length - 1) / 2)] ?? 0);
  }
  return medians;
}

export function shardItems(files: readonly string[], durations: ReadonlyMap<string, number>): ShardItem[] {
  return files.map((id) => ({ id, durationMs: durations.get(id) }));
}

export async function loadQuarantine(db: Kysely<Database>): Promise<QuarantineEntry[]> {
  const rows = await db.selectFrom('test_quarantine').selectAll().orderBy('test_id').execute();
  return rows.map((r) => ({
    testId: r.test_id,
    reason: r.reason,
    addedBy: r.added_by,
    addedAt: Date.parse(r.added_at),
    expiresAt: Date.parse(r.expires_at),
  }));
}

/** Replaces the stored quarantine list with `entries` (validated by the caller). */
export async function saveQuarantine(store: Store, entries: readonly QuarantineEntry[]): Promise<void> {
  await store.exclusive('test-quarantine', async (trx) => {
    await trx.deleteFrom('test_quarantine').execute();
    const rows = entries.map((e) => ({
      test_id: e.testId,
      reason: e.reason,
      added_by: e.addedBy,
      added_at: new Date(e.addedAt).toISOString(),
      expires_at: new Date(e.expiresAt).toISOString(),
    }));
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto('test_quarantine')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  });
}

/** Per test file: runs, failures and the recent failure rate (last 20 runs), from the stored history. */
export async function testFileStats(db: Kysely<Database>): Promise<
  {
    file: string;
    runs: number;
    failures: number;
    recentFailureRate: number;
    medianDurationMs: number | undefined;
    firstRunAt: number;
    coFailure?: Record<string, number>;
  }[]
> {
  const rows = await db
    .selectFrom('test_results')
    .innerJoin('test_runs', 'test_runs.id', 'test_results.run_id')
    .select(['test_results.file', 'test_results.run_id', 'test_results.outcome', 'test_runs.created_at'])
    .where('test_results.file', 'is not', null)
    .orderBy('test_runs.created_at')
    .execute();
  const perFile = new Map<string, Map<string, boolean>>();
  const firstRun = new Map<string, number>();
  for (const r of rows) {
    if (!firstRun.has(r.file as string)) firstRun.set(r.file as string, Date.parse(r.created_at));
    const runs = perFile.get(r.file as string) ?? new Map<string, boolean>();
    const failed = r.outcome === 'failed' || r.outcome === 'errored';
    runs.set(r.run_id, (runs.get(r.run_id) ?? false) || failed);
    perFile.set(r.file as string, runs);
  }
  const durations = await fileDurations(db);
  const coFailure = await coFailureCounts(db);
  return [...perFile].map(([file, runs]) => {
    const outcomes = [...runs.values()];
    const recent = outcomes.slice(-20);
    const co = coFailure.get(file);
    return {
      file,
      runs: outcomes.length,
      failures: outcomes.filter(Boolean).length,
      recentFailureRate: recent.length === 0 ? 0 : recent.filter(Boolean).length / recent.length,
      medianDurationMs: durations.get(file),
      firstRunAt: firstRun.get(file) ?? 0,
      ...(co === undefined ? {} : { coFailure: co }),
    };
  });
}
