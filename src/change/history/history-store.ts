import type { Kysely } from 'kysely';
import type { Clock } from '../../core/index.js';
import { CaraError } from '../../core/index.js';
import { type CommitRecord, historyInfo, streamCommits } from '../../git/index.js';
import type { Database, Store } from '../../store/index.js';

export interface MineResult {
  /** Commits read by this run (0 when nothing was new). */
  added: number;
  total: number;
  head: string | undefined;
  shallow: boolean;
  /** In a shallow clone, the oldest commits present: history before them is missing. */
  shallowBoundary: string[];
  /** True when history was rewritten since the last run and everything was mined again. */
  remined: boolean;
  ms: number;
}

export interface MineOptions {
  clock: Clock;
  onProgress?: (commits: number) => void;
}

const BATCH = 1000;

/**
 * Mines the repository's history into the store, incrementally: only commits after the last
 * mined one are read (one streamed `git log`). A rewritten history is mined again from scratch.
 */
export async function mineHistory(store: Store, repo: string, options: MineOptions): Promise<MineResult> {
  const started = Date.now();
  const info = await historyInfo(repo);
  const state = await store.db
    .selectFrom('git_mining_state')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirst();
  let remined = false;
  let since = state?.last_sha;
  let total = Number(state?.commits ?? 0);
  if (since !== undefined && since === info.head) {
    return {
      added: 0,
      total,
      head: info.head,
      shallow: info.shallow,
      shallowBoundary: info.shallowBoundary,
      remined,
      ms: Date.now() - started,
    };
  }
  const run = async (from: string | undefined) => {
    let added = 0;
    let batch: CommitRecord[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch.map((c, i) => toRow(c, total + i));
      const last = batch.at(-1) as CommitRecord;
      total += batch.length;
      added += batch.length;
      batch = [];
      await store.exclusive('git-mining', async (trx) => {
        await trx.insertInto('git_commits').values(rows).execute();
        await writeState(trx, last.sha, total, info.shallow, options.clock);
      });
      options.onProgress?.(total);
    };
    for await (const commit of streamCommits(repo, from === undefined ? {} : { since: from })) {
      batch.push(commit);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    return added;
  };
  let added: number;
  try {
    added = await run(since);
  } catch (error) {
    if (!(error instanceof CaraError && error.code === 'GIT_HISTORY_REWRITTEN')) throw error;
    await store.exclusive('git-mining', async (trx) => {
      await trx.deleteFrom('git_commits').execute();
      await trx.deleteFrom('git_mining_state').execute();
      await trx.deleteFrom('szz_fixes').execute();
      await trx.deleteFrom('szz_inducing').execute();
    });
    remined = true;
    since = undefined;
    total = 0;
    added = await run(undefined);
  }
  return {
    added,
    total,
    head: info.head,
    shallow: info.shallow,
    shallowBoundary: info.shallowBoundary,
    remined,
    ms: Date.now() - started,
  };
}

/** Every mined commit, oldest first. */
export async function loadCommits(db: Kysely<Database>): Promise<CommitRecord[]> {
  const rows = await db.selectFrom('git_commits').selectAll().orderBy('seq').execute();
  return rows.map((r) => ({
    sha: r.sha,
    parents: r.parents === '' ? [] : r.parents.split(' '),
    authorName: r.author_name,
    authorEmail: r.author_email,
    authorTime: Number(r.author_time),
    committerTime: Number(r.committer_time),
    message: r.message,
    files: JSON.parse(r.files) as CommitRecord['files'],
    isMerge: r.is_merge === 1,
  }));
}

function toRow(c: CommitRecord, seq: number) {
  return {
    sha: c.sha,
    seq,
    parents: c.parents.join(' '),
    author_name: c.authorName,
    author_email: c.authorEmail,
    author_time: c.authorTime,
    committer_time: c.committerTime,
    message: c.message,
    is_merge: c.isMerge ? 1 : 0,
    files: JSON.stringify(c.files),
  };
}

async function writeState(
  trx: Kysely<Database>,
  sha: string,
  commits: number,
  shallow: boolean,
  clock: Clock,
) {
  const values = {
    id: 1,
    last_sha: sha,
    commits,
    shallow: shallow ? 1 : 0,
    updated_at: clock.now().toISOString(),
  };
  await trx
    .insertInto('git_mining_state')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ last_sha: sha, commits, shallow: values.shallow, updated_at: values.updated_at }),
    )
    .execute();
}
