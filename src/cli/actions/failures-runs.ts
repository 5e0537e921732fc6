/** The recorded test runs failure analysis reads: the failing run and its failed tests. */
import type { Kysely } from 'kysely';
import { CaraError } from '../../core/index.js';
import type { Database } from '../../store/index.js';
import type { TestCaseResult } from '../../testing/index.js';
import type { CliContext } from '../context.js';
import { withRuntime } from '../runtime.js';

export const open = <T>(ctx: CliContext, command: string, fn: Parameters<typeof withRuntime<T>>[1]) =>
  withRuntime({ cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command }, fn);

interface StoredRun {
  id: string;
  commit: string;
  created_at: string;
  failed: number;
}

/** The run asked for, or the latest run with failures. */
export async function failingRun(db: Kysely<Database>, id: string | undefined): Promise<StoredRun> {
  let query = db.selectFrom('test_runs').select(['id', 'commit', 'created_at', 'failed']);
  query = id === undefined ? query.where('failed', '>', 0) : query.where('id', '=', id);
  const run = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (run === undefined) {
    throw new CaraError(
      'USAGE',
      id === undefined ? 'No recorded test run has failures.' : `No recorded test run has the id ${id}.`,
      { hint: 'record runs with `cara test run`; their ids are in `cara test run --json` and the audit log' },
    );
  }
  return { ...run, failed: Number(run.failed) };
}

/** The failed tests of a stored run, as test results (the stored text holds message and stack). */
export async function failedTests(db: Kysely<Database>, runId: string): Promise<TestCaseResult[]> {
  const rows = await db
    .selectFrom('test_results')
    .selectAll()
    .where('run_id', '=', runId)
    .where('outcome', 'in', ['failed', 'errored'])
    .orderBy('test_id')
    .execute();
  return rows.map((r) => ({
    id: r.test_id,
    file: r.file ?? undefined,
    suite: [],
    name: r.name,
    outcome: r.outcome as 'failed' | 'errored',
    durationMs: Number(r.duration_ms),
    attempts: Number(r.attempts),
    flakyPassed: Number(r.flaky_passed) === 1,
    failure: storedFailure(r.failure ?? `${r.outcome} without a message`),
  }));
}

/** Stored failure text is the message's first line, then the rest (stack, details). */
function storedFailure(text: string): { message: string; stack?: string } {
  const cut = text.indexOf('\n');
  return cut < 0 ? { message: text } : { message: text.slice(0, cut), stack: text.slice(cut + 1) };
}
