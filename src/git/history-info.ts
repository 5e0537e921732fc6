import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CaraError } from '../core/errors.js';
import { runGit } from './run.js';

export interface RepoHistoryInfo {
  /** The commit HEAD points at; undefined in a repository without commits. */
  head: string | undefined;
  /** The checked-out branch (short name); undefined when HEAD is detached. */
  branch: string | undefined;
  detached: boolean;
  /** A shallow clone: history before `shallowBoundary` is missing, and mining sees only what exists. */
  shallow: boolean;
  /** Commits whose parents a shallow clone does not have (empty unless `shallow`). */
  shallowBoundary: string[];
  /** Commits reachable from HEAD (in a shallow clone, only those present). */
  commitCount: number;
}

/** Where HEAD is, whether history is complete, and how much of it there is. */
export async function historyInfo(repo: string): Promise<RepoHistoryInfo> {
  const { stdout } = await runGit(repo, ['rev-parse', '--is-shallow-repository', '--git-path', 'shallow']);
  const [shallowFlag = 'false', shallowFile = ''] = stdout.split('\n');
  const shallow = shallowFlag.trim() === 'true';
  const [head, branch, boundary] = await Promise.all([
    resolveCommit(repo, 'HEAD'),
    runGit(repo, ['symbolic-ref', '-q', '--short', 'HEAD'], { okExitCodes: [1] }),
    shallow ? readShallowFile(resolve(repo, shallowFile.trim())) : Promise.resolve([]),
  ]);
  const commitCount = head ? Number((await runGit(repo, ['rev-list', '--count', head])).stdout.trim()) : 0;
  const branchName = branch.code === 0 ? branch.stdout.trim() : undefined;
  return {
    head,
    branch: branchName || undefined,
    detached: branch.code !== 0,
    shallow,
    shallowBoundary: boundary,
    commitCount,
  };
}

/** The full sha `rev` names, or undefined when it names no commit (an unborn HEAD included). */
export async function resolveCommit(repo: string, rev: string): Promise<string | undefined> {
  const { stdout, code } = await runGit(
    repo,
    ['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`],
    {
      okExitCodes: [1],
    },
  );
  return code === 0 ? stdout.trim() : undefined;
}

/** Like `resolveCommit`, but a rev that names no commit is a GIT_REV_UNKNOWN error. */
export async function requireCommit(repo: string, rev: string): Promise<string> {
  const sha = await resolveCommit(repo, rev);
  if (sha) return sha;
  throw new CaraError('GIT_REV_UNKNOWN', `${rev} does not name a commit in ${repo}`, {
    hint: 'pass a commit sha, branch or tag that `git rev-parse` knows',
  });
}

/** True when `ancestor` exists and is reachable from `descendant`. */
export async function isAncestor(repo: string, ancestor: string, descendant: string): Promise<boolean> {
  const { code } = await runGit(repo, ['merge-base', '--is-ancestor', ancestor, descendant], {
    okExitCodes: [1, 128],
  });
  return code === 0;
}

async function readShallowFile(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  } catch {
    return [];
  }
}

/** The non-merge commits of a range such as `A..B`, oldest first. */
export async function commitsInRange(repo: string, range: string): Promise<string[]> {
  const { stdout } = await runGit(repo, ['rev-list', '--reverse', '--no-merges', '--end-of-options', range]);
  return stdout.split('\n').filter(Boolean);
}
