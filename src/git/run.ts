import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CaraError } from '../core/errors.js';

/**
 * Settings that make git's output independent of the user's configuration: no signature blocks in
 * `git log`, raw (unquoted) UTF-8 paths, no colour, no pager.
 */
export const GIT_CONFIG_ARGS: readonly string[] = [
  '-c',
  'core.quotepath=off',
  '-c',
  'log.showSignature=false',
  '-c',
  'color.ui=false',
  '--no-pager',
];

/** Large diffs and logs are read in one go by `runGit`; streamed reads go through `streamCommits`. */
const MAX_BUFFER = 512 * 1024 * 1024;

export interface GitResult {
  stdout: string;
  /** The exit code, one of `okExitCodes`. */
  code: number;
}

export interface RunGitOptions {
  /** Exit codes that are answers rather than failures (e.g. 1 for `rev-parse --verify -q`). */
  okExitCodes?: readonly number[];
  signal?: AbortSignal;
}

/**
 * Runs one git command in `repo` and returns its stdout. Failures become CaraErrors: git missing
 * (EXTERNAL_TOOL_MISSING), not a repository (NOT_A_GIT_REPO), anything else (GIT_FAILED).
 */
export function runGit(
  repo: string,
  args: readonly string[],
  options: RunGitOptions = {},
): Promise<GitResult> {
  assertDirectory(repo);
  const ok = options.okExitCodes ?? [];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...GIT_CONFIG_ARGS, ...args],
      {
        cwd: repo,
        maxBuffer: MAX_BUFFER,
        encoding: 'utf8',
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, code: 0 });
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'number' && ok.includes(code)) return resolve({ stdout, code });
        reject(gitError(repo, args, error, stderr));
      },
    );
  });
}

/** NOT_A_GIT_REPO for a folder that does not exist (spawn would report it as a missing git). */
export function assertDirectory(repo: string): void {
  if (!existsSync(repo)) {
    throw new CaraError('NOT_A_GIT_REPO', `${repo} does not exist`, {
      hint: 'run cara inside your repository (or pass -C DIR)',
    });
  }
}

/** Maps a failed git invocation to the CaraError a user can act on. */
export function gitError(repo: string, args: readonly string[], cause: unknown, stderr: string): CaraError {
  const code = (cause as { code?: unknown }).code;
  if (code === 'ENOENT') {
    return new CaraError('EXTERNAL_TOOL_MISSING', 'git is not installed or not on PATH', {
      cause,
      hint: 'install git (e.g. apt-get install git)',
    });
  }
  if (/not a git repository/i.test(stderr)) {
    return new CaraError('NOT_A_GIT_REPO', `${repo} is not inside a git repository`, {
      cause,
      hint: 'run `git init` first, or run cara inside your repository (or pass -C DIR)',
    });
  }
  const detail = lastLines(stderr, 5) || (cause instanceof Error ? cause.message : String(cause));
  return new CaraError('GIT_FAILED', `git ${args[0] ?? ''} failed in ${repo}: ${detail}`, {
    cause,
    hint: 'run the git command by hand in the repository to see the full error',
  });
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' / ');
}
