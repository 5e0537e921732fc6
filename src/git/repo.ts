import { runGit } from './run.js';

/** The top folder of the git work tree containing `cwd` (NOT_A_GIT_REPO outside one). */
export async function findRepoRoot(cwd: string): Promise<string> {
  const { stdout } = await runGit(cwd, ['rev-parse', '--show-toplevel']);
  return stdout.trim();
}

/** One `git config` value, or undefined when unset. */
export async function gitConfigValue(cwd: string, key: string): Promise<string | undefined> {
  const { stdout, code } = await runGit(cwd, ['config', '--get', key], { okExitCodes: [1] });
  const value = stdout.trim();
  return code !== 0 || value === '' ? undefined : value;
}

/** The files git tracks in the work tree, repo-relative posix paths, sorted. */
export async function trackedFiles(repo: string): Promise<string[]> {
  const { stdout } = await runGit(repo, ['ls-files', '-z']);
  return stdout.split('\0').filter(Boolean).sort();
}
