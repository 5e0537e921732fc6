import { isAbsolute, posix, relative, sep } from 'node:path';

/** `abs` as a repo-relative path with `/` separators (`undefined` when it lies outside `root`). */
export function toRepoPath(root: string, abs: string): string | undefined {
  const rel = relative(root, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * A file named by a caller (repo-relative, `./`-prefixed, Windows-separated or absolute) in the
 * graph's form, so `./src/a.ts`, `src\a.ts` and `/repo/src/a.ts` all name `src/a.ts`.
 */
export function normalizeFile(root: string, file: string): string {
  if (isAbsolute(file)) return toRepoPath(root, file) ?? file;
  const normalized = posix.normalize(file.replaceAll('\\', '/'));
  return normalized.startsWith('./') ? normalized.slice(2) : normalized;
}
