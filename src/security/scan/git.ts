/** The git commands the scanner runs, all through the project's `runGit`. */
import { runGit } from '../../git/index.js';

/** Tracked files plus untracked files that are not ignored, repo-relative, sorted, unique. */
export async function listWorkingTreeFiles(root: string): Promise<string[]> {
  const { stdout } = await runGit(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  return [...new Set(stdout.split('\0').filter(Boolean))].sort();
}

/** Commit header line marker in `historyPatch` output: RS, then sha, US, author date. */
export const COMMIT_MARKER = '\u001e';

/**
 * Every commit reachable from any ref, oldest first, with a zero-context patch (added lines only
 * matter), renames off (a moved file counts as added, so a secret is seen under its new path).
 * Merge commits carry no patch. Read in one buffered call (runGit allows 512 MB of output).
 */
export async function historyPatch(root: string): Promise<string> {
  const { stdout } = await runGit(root, [
    'log',
    '--all',
    '--reverse',
    '--date-order',
    '-p',
    '-U0',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    `--format=${COMMIT_MARKER}%H\u001f%aI`,
  ]);
  return stdout;
}

/** True when the repository has at least one commit. */
export async function hasCommits(root: string): Promise<boolean> {
  const { code } = await runGit(root, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { okExitCodes: [1] });
  return code === 0;
}

/** The text of `path` at HEAD, or undefined when HEAD has no such file. */
export async function fileAtHead(root: string, path: string): Promise<string | undefined> {
  const { stdout, code } = await runGit(root, ['cat-file', 'blob', `HEAD:${path}`], { okExitCodes: [128] });
  return code === 0 ? stdout : undefined;
}
