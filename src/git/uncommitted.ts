import { lstat, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { type CommitRecord, type FileChange, STAGED, WORKING_TREE } from './commit.js';
import { resolveCommit } from './history-info.js';
import { parseNumstat } from './numstat.js';
import { findRepoRoot, gitConfigValue } from './repo.js';
import { runGit } from './run.js';

export interface UncommittedChangeOptions {
  /** The index against HEAD (`git diff --cached`); otherwise the working tree against HEAD. */
  staged: boolean;
  /** The message a pseudo-commit carries (e.g. the one about to be used); '' by default. */
  message?: string;
  /** Time source for the pseudo-commit's times; the system clock by default. */
  clock?: Clock;
}

/** Git's own test for binary content: a NUL byte in the first 8,000 bytes. */
const BINARY_SNIFF = 8000;
/** Untracked files larger than this are counted as binary rather than read. */
const MAX_UNTRACKED_BYTES = 32 * 1024 * 1024;

/**
 * The index (`staged`) or the working tree as a pseudo-commit with sha 'STAGED' or 'WORKING',
 * parents [HEAD] ([] before the first commit), the author git would record, and the time now.
 * The working tree includes untracked files that are not ignored (as `git add -A` would stage
 * them), so a change scores the same before and after `git add`.
 */
export async function uncommittedChange(
  repo: string,
  options: UncommittedChangeOptions,
): Promise<CommitRecord> {
  const head = await resolveCommit(repo, 'HEAD');
  const root = await findRepoRoot(repo);
  const base = head ?? (await emptyTree(root));
  const diffArgs = ['--numstat', '-z', '-M', '--no-relative', '--no-ext-diff', '--no-textconv', base, '--'];
  const [diff, author, untracked] = await Promise.all([
    runGit(root, options.staged ? ['diff', '--cached', ...diffArgs] : ['diff', ...diffArgs]),
    authorIdentity(root),
    options.staged ? Promise.resolve([]) : untrackedFiles(root),
  ]);
  const files = parseNumstat(diff.stdout);
  for (const path of untracked) {
    const file = await countNewFile(root, path);
    if (file) files.push(file);
  }
  const now = Math.floor((options.clock?.now() ?? new Date()).getTime() / 1000);
  return {
    sha: options.staged ? STAGED : WORKING_TREE,
    parents: head ? [head] : [],
    authorName: author.name,
    authorEmail: author.email,
    authorTime: now,
    committerTime: now,
    message: options.message ?? '',
    files,
    isMerge: false,
  };
}

async function emptyTree(repo: string): Promise<string> {
  const { stdout } = await runGit(repo, ['hash-object', '-t', 'tree', '/dev/null']);
  return stdout.trim();
}

/** The author `git commit` would record: `git var` honours GIT_AUTHOR_* and config, with mailmap-free names. */
async function authorIdentity(repo: string): Promise<{ name: string; email: string }> {
  const { stdout, code } = await runGit(repo, ['var', 'GIT_AUTHOR_IDENT'], { okExitCodes: [128] });
  const match = code === 0 ? /^(.*) <([^>]*)> \d+ [+-]\d{4}$/.exec(stdout.trim()) : null;
  if (match) return { name: match[1] ?? '', email: match[2] ?? '' };
  const [name, email] = await Promise.all([
    gitConfigValue(repo, 'user.name'),
    gitConfigValue(repo, 'user.email'),
  ]);
  return { name: name ?? 'unknown', email: email ?? 'unknown' };
}

/** Untracked, not ignored files, relative to the top of the work tree (`root`). */
async function untrackedFiles(root: string): Promise<string[]> {
  const { stdout } = await runGit(root, ['ls-files', '-z', '--others', '--exclude-standard']);
  // Nested repositories are listed as "dir/": git would add them as submodules, not as lines.
  return stdout.split('\0').filter((path) => path !== '' && !path.endsWith('/'));
}

/**
 * A new file's numstat: all its lines added, or null counts when it looks binary. A symlink is one
 * line (git stores its target); a file that vanished since it was listed is left out.
 */
async function countNewFile(root: string, path: string): Promise<FileChange | undefined> {
  const file = join(root, path);
  const stat = await lstat(file).catch(() => undefined);
  if (!stat) return undefined;
  if (stat.isSymbolicLink()) return { path, added: 1, deleted: 0 };
  if (!stat.isFile()) return undefined;
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_UNTRACKED_BYTES) return { path, added: null, deleted: null };
    const content = await handle.readFile();
    if (content.subarray(0, BINARY_SNIFF).includes(0)) return { path, added: null, deleted: null };
    let lines = 0;
    for (let at = content.indexOf(10); at >= 0; at = content.indexOf(10, at + 1)) lines++;
    if (content.length > 0 && content[content.length - 1] !== 10) lines++;
    return { path, added: lines, deleted: 0 };
  } finally {
    await handle.close();
  }
}
