import type { Kysely } from 'kysely';
import type { Database, Store } from '../../store/index.js';
import type { ClusterInput } from './clusters.js';

/** A failure ready to store: what analysis found, with its template and signature. */
export interface AnalyzedFailure {
  id: string;
  source: 'test' | 'log';
  testId?: string;
  logFile?: string;
  lineNo?: number;
  templateId: string;
  template: string;
  signature: string;
  message: string;
  text: string;
  /** The stack frames, innermost first, with the repository file where one is known. */
  frames: { file: string; line?: number; fn?: string; repoFile?: string }[];
}

export interface AnalysisRecord {
  id: string;
  at: string;
  runId?: string;
  sources: string[];
  notes: string[];
}

const CHUNK = 100;
const MINER = 'default';

/** The persisted miner state, or undefined before the first analysis. */
export async function loadMinerState(db: Kysely<Database>): Promise<unknown> {
  const row = await db
    .selectFrom('failure_miners')
    .select('state')
    .where('name', '=', MINER)
    .executeTakeFirst();
  return row === undefined ? undefined : JSON.parse(row.state);
}

/** Stores an analysis, its failures and the miner state it left, in one transaction. */
export async function saveAnalysis(
  store: Store,
  analysis: AnalysisRecord,
  failures: readonly AnalyzedFailure[],
  minerState: unknown,
): Promise<void> {
  await store.exclusive('failures', async (trx) => {
    await trx
      .insertInto('failure_analyses')
      .values({
        id: analysis.id,
        created_at: analysis.at,
        run_id: analysis.runId ?? null,
        sources: JSON.stringify(analysis.sources),
        records: failures.length,
        notes: JSON.stringify(analysis.notes),
      })
      .execute();
    const rows = failures.map((f) => ({
      id: f.id,
      analysis_id: analysis.id,
      created_at: analysis.at,
      run_id: analysis.runId ?? null,
      source: f.source,
      test_id: f.testId ?? null,
      log_file: f.logFile ?? null,
      line_no: f.lineNo ?? null,
      template_id: f.templateId,
      template: f.template,
      signature: f.signature,
      message: f.message,
      text: f.text,
      frames: JSON.stringify(f.frames),
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('failure_records')
        .values(rows.slice(i, i + CHUNK))
        .execute();
    }
    const state = JSON.stringify(minerState);
    const updated = await trx
      .updateTable('failure_miners')
      .set({ state, updated_at: analysis.at })
      .where('name', '=', MINER)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await trx
        .insertInto('failure_miners')
        .values({ name: MINER, state, updated_at: analysis.at })
        .execute();
    }
  });
}

/** Stored failures (optionally since an ISO time) in the shape clustering reads. */
export async function loadClusterInputs(db: Kysely<Database>, since?: string): Promise<ClusterInput[]> {
  let query = db.selectFrom('failure_records').selectAll();
  if (since !== undefined) query = query.where('created_at', '>=', since);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({
    signature: r.signature,
    template: r.template,
    message: r.message,
    analysisId: r.analysis_id,
    runId: r.run_id ?? undefined,
    testId: r.test_id ?? undefined,
    logFile: r.log_file ?? undefined,
    lineNo: r.line_no === null ? undefined : Number(r.line_no),
    at: r.created_at,
    frames: (JSON.parse(r.frames) as AnalyzedFailure['frames'])
      .filter((f) => f.repoFile !== undefined)
      .slice(0, 3)
      .map((f) => `${f.repoFile}${f.line === undefined ? '' : `:${f.line}`}`),
  }));
}

/** The failures stored for one analysis or one test run. */
export async function loadFailures(
  db: Kysely<Database>,
  by: { analysisId?: string; runId?: string },
): Promise<AnalyzedFailure[]> {
  let query = db.selectFrom('failure_records').selectAll();
  if (by.analysisId !== undefined) query = query.where('analysis_id', '=', by.analysisId);
  if (by.runId !== undefined) query = query.where('run_id', '=', by.runId);
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source as 'test' | 'log',
    ...(r.test_id === null ? {} : { testId: r.test_id }),
    ...(r.log_file === null ? {} : { logFile: r.log_file }),
    ...(r.line_no === null ? {} : { lineNo: Number(r.line_no) }),
    templateId: r.template_id,
    template: r.template,
    signature: r.signature,
    message: r.message,
    text: r.text,
    frames: JSON.parse(r.frames) as AnalyzedFailure['frames'],
  }));
}
