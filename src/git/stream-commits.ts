import { spawn } from 'node:child_process';
import { PassThrough, pipeline } from 'node:stream';
import { CaraError } from '../core/errors.js';
import type { CommitRecord } from './commit.js';
import { isAncestor, requireCommit, resolveCommit } from './history-info.js';
import { LOG_ARGS, LogRecordParser } from './log-parser.js';
import { NulSplitter } from './numstat.js';
import { assertDirectory, GIT_CONFIG_ARGS, gitError, runGit } from './run.js';

export interface StreamCommitsOptions {
  /** A commit already mined: only the commits after it (`since..rev`) are read. */
  since?: string;
  /** The tip to mine from; HEAD by default. */
  rev?: string;
  signal?: AbortSignal;
}

/** Output git may run ahead of the consumer by (twice this: both sides of a PassThrough). */
const READ_AHEAD_BYTES = 2 * 1024 * 1024;

/** stderr kept for error messages; git can be chatty (rename-limit warnings) on huge histories. */
const STDERR_TAIL = 16 * 1024;

/**
 * Every commit reachable from `rev` (HEAD), oldest first, from ONE streamed `git log` parsed as it
 * arrives: memory stays bounded however long the history is.
 *
 * Order is `--date-order --reverse`: a parent always comes before its children (so a fold over
 * the stream sees a file's history before each change to it), and otherwise commits come by
 * committer date, the closest to "as it happened" across branches. Merges are listed with no files.
 * An empty repository gives an empty stream. A `since` that is no longer an ancestor of `rev`
 * (history rewritten) is a GIT_HISTORY_REWRITTEN error: the caller should mine from scratch.
 */
export async function* streamCommits(
  repo: string,
  options: StreamCommitsOptions = {},
): AsyncGenerator<CommitRecord, void, undefined> {
  const rev = options.rev ?? 'HEAD';
  const tip = rev === 'HEAD' ? await resolveCommit(repo, rev) : await requireCommit(repo, rev);
  if (!tip) return; // no commits yet
  let range = tip;
  if (options.since !== undefined) {
    if (!(await isAncestor(repo, options.since, tip))) throw rewritten(options.since, rev);
    range = `${options.since}..${tip}`;
  }
  yield* runLog(repo, ['log', '--reverse', '--date-order', ...LOG_ARGS, range, '--'], options.signal);
}

/** One commit by rev, parsed like the stream (for `cara risk score REV`). */
export async function readCommit(repo: string, rev: string): Promise<CommitRecord> {
  const sha = await requireCommit(repo, rev);
  const { stdout } = await runGit(repo, ['log', '-1', ...LOG_ARGS, sha, '--']);
  const parser = new LogRecordParser();
  for (const token of stdout.split('\0')) parser.push(token);
  const commit = parser.end();
  if (!commit) throw new CaraError('GIT_FAILED', `git log printed nothing for ${rev} in ${repo}`);
  return commit;
}

async function* runLog(
  repo: string,
  args: readonly string[],
  signal: AbortSignal | undefined,
): AsyncGenerator<CommitRecord, void, undefined> {
  assertDirectory(repo);
  signal?.throwIfAborted();
  const child = spawn('git', [...GIT_CONFIG_ARGS, ...args], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(signal ? { signal } : {}),
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_TAIL);
  });
  const exited = new Promise<{ code: number | null; error?: Error }>((resolveExit) => {
    child.once('error', (error) => resolveExit({ code: null, error }));
    child.once('close', (code) => resolveExit({ code }));
  });
  const splitter = new NulSplitter();
  const parser = new LogRecordParser();
  const ready: CommitRecord[] = [];
  const onToken = (token: string) => {
    const commit = parser.push(token);
    if (commit) ready.push(commit);
  };
  try {
    // A read-ahead buffer lets git keep producing while the consumer works on earlier commits.
    // pipeline passes a read error on (ending the loop below) and tears down on an early break.
    const readAhead = new PassThrough({ highWaterMark: READ_AHEAD_BYTES });
    pipeline(child.stdout, readAhead, () => {});
    for await (const chunk of readAhead as AsyncIterable<Buffer>) {
      splitter.write(chunk, onToken);
      // At most one chunk's worth of commits: the stream is consumed as it is produced.
      for (const commit of ready) yield commit;
      ready.length = 0;
    }
    const tail = splitter.end();
    if (tail !== '') onToken(tail);
    const { code, error } = await exited;
    signal?.throwIfAborted();
    if (error || code !== 0) throw gitError(repo, args, error ?? new Error(`exit code ${code}`), stderr);
    for (const commit of ready) yield commit;
    const last = parser.end();
    if (last) yield last;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

function rewritten(since: string, rev: string): CaraError {
  return new CaraError(
    'GIT_HISTORY_REWRITTEN',
    `commit ${since} (mined last time) is no longer in the history of ${rev}: history was rewritten`,
    { hint: 'mine the history again from scratch (drop the saved mining state)' },
  );
}
