import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from '../../core/index.js';
import type { Database, Store } from '../../store/index.js';
import {
  type FailureModel,
  parseFailureModel,
  type SelectionObservation,
  type TrainingRow,
} from '../select/index.js';

const CHUNK = 200;

/** The identity of a change for adaptation: the base it is measured against and the paths it touches. */
export function changeKey(base: string, paths: readonly string[]): string {
  const hash = createHash('sha256').update(base);
  for (const path of [...new Set(paths)].sort()) hash.update(`\0${path}`);
  return hash.digest('hex');
}

export interface RunChange {
  key: string;
  files: readonly string[];
  /** Why the selection was widened, when it was. */
  widened?: string;
}

/** Stores what a run was for and every test's features against it (the model's training rows). */
export async function recordObservations(
  store: Store,
  runId: string,
  change: RunChange,
  observations: readonly SelectionObservation[],
): Promise<void> {
  await store.exclusive('test-history', async (trx) => {
    await trx
      .insertInto('test_run_changes')
      .values({
        run_id: runId,
        change_key: change.key,
        files: JSON.stringify(change.files),
        widened: change.widened ?? null,
      })
      .execute();
    const rows = observations.map((o) => ({
      run_id: runId,
      test_file: o.file,
      selected: o.selected ? 1 : 0,
      features: JSON.stringify(o.features),
      prior: o.prior,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('test_observations')
        .values(rows.slice(i, i + CHUNK))
        .execute();
    }
  });
}

export interface PreviousRun {
  runId: string;
  scope: string;
  /** Test files with a failure that did not pass on retry. */
  failedFiles: string[];
}

/** The newest recorded run of the same change, if any. */
export async function lastRunOfChange(db: Kysely<Database>, key: string): Promise<PreviousRun | undefined> {
  const run = await db
    .selectFrom('test_run_changes')
    .innerJoin('test_runs', 'test_runs.id', 'test_run_changes.run_id')
    .select(['test_runs.id', 'test_runs.scope'])
    .where('test_run_changes.change_key', '=', key)
    .orderBy('test_runs.created_at', 'desc')
    .orderBy('test_runs.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (run === undefined) return undefined;
  const failed = await db
    .selectFrom('test_results')
    .select('file')
    .distinct()
    .where('run_id', '=', run.id)
    .where('outcome', 'in', ['failed', 'errored'])
    .where('flaky_passed', '=', 0)
    .where('file', 'is not', null)
    .execute();
  return { runId: run.id, scope: run.scope, failedFiles: failed.map((r) => r.file as string).sort() };
}

/**
 * The training rows: every observation of a test that ran, labelled 1 when the test file had a
 * failure that did not pass on retry (flaky passes teach nothing about the change).
 */
export async function loadTrainingRows(
  db: Kysely<Database>,
  runIds?: readonly string[],
): Promise<TrainingRow[]> {
  if (runIds !== undefined && runIds.length === 0) return [];
  let query = db
    .selectFrom('test_observations')
    .innerJoin('test_runs', 'test_runs.id', 'test_observations.run_id')
    .select([
      'test_observations.run_id',
      'test_observations.test_file',
      'test_observations.features',
      'test_observations.prior',
      'test_runs.created_at',
    ]);
  let results = db
    .selectFrom('test_results')
    .select(['run_id', 'file', 'outcome', 'flaky_passed'])
    .where('file', 'is not', null);
  if (runIds !== undefined) {
    query = query.where('test_observations.run_id', 'in', [...runIds]);
    results = results.where('run_id', 'in', [...runIds]);
  }
  const ran = new Map<string, boolean>();
  for (const r of await results.execute()) {
    const key = `${r.run_id}\0${r.file}`;
    const failed = (r.outcome === 'failed' || r.outcome === 'errored') && Number(r.flaky_passed) === 0;
    ran.set(key, (ran.get(key) ?? false) || failed);
  }
  const rows: TrainingRow[] = [];
  for (const o of await query.execute()) {
    const failed = ran.get(`${o.run_id}\0${o.test_file}`);
    if (failed === undefined) continue;
    rows.push({
      runId: o.run_id,
      at: Date.parse(o.created_at),
      features: JSON.parse(o.features) as number[],
      prior: Number(o.prior),
      failed: failed ? 1 : 0,
    });
  }
  return rows.sort((a, b) => a.at - b.at || a.runId.localeCompare(b.runId));
}

/** Stores a model as the active one. */
export async function saveFailureModel(store: Store, model: FailureModel, at: string): Promise<string> {
  const id = uuidv7();
  await store.exclusive('test-model', async (trx) => {
    await trx
      .insertInto('test_models')
      .values({ id, created_at: at, params: JSON.stringify(model) })
      .execute();
  });
  return id;
}

/** The active (newest) model, or undefined before the first training. */
export async function loadFailureModel(db: Kysely<Database>): Promise<FailureModel | undefined> {
  const row = await db
    .selectFrom('test_models')
    .select('params')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : parseFailureModel(JSON.parse(row.params));
}

/** Per test file: changed path -> runs in which the file failed while that path was part of the change. */
export async function coFailureCounts(db: Kysely<Database>): Promise<Map<string, Record<string, number>>> {
  const changes = await db.selectFrom('test_run_changes').select(['run_id', 'files']).execute();
  const filesOf = new Map(changes.map((c) => [c.run_id, JSON.parse(c.files) as string[]]));
  const failures = await db
    .selectFrom('test_results')
    .select(['run_id', 'file'])
    .distinct()
    .where('outcome', 'in', ['failed', 'errored'])
    .where('flaky_passed', '=', 0)
    .where('file', 'is not', null)
    .execute();
  const counts = new Map<string, Record<string, number>>();
  for (const f of failures) {
    const changed = filesOf.get(f.run_id);
    if (changed === undefined) continue;
    const entry = counts.get(f.file as string) ?? {};
    for (const path of changed) entry[path] = (entry[path] ?? 0) + 1;
    counts.set(f.file as string, entry);
  }
  return counts;
}
