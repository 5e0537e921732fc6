import { CaraError } from '../core/errors.js';
import { resolveCommit } from './history-info.js';
import { runGit } from './run.js';

export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  oldPath?: string;
  /** 1-based inclusive line ranges of the new file that changed; a pure deletion marks the line after it. */
  changedLines: [number, number][];
  /**
   * The same hunks on the base side: old-file lines replaced or deleted, and for a pure insertion the
   * two lines around it. What a coverage map taken at the base has to be compared with.
   */
  oldLines: [number, number][];
}

export interface ChangedFilesOptions {
  /** Compare the working tree with this revision (default HEAD); `staged` compares the index. */
  base?: string;
  staged?: boolean;
  /** Compare `base` with this revision instead of the working tree (e.g. one commit: base `C^`, head `C`). */
  head?: string;
}

/** The files and lines a change touches: `git diff -U0` against a base, parsed from its hunks. */
export async function changedFiles(repo: string, options: ChangedFilesOptions = {}): Promise<ChangedFile[]> {
  const base = options.base ?? 'HEAD';
  const scope =
    options.head !== undefined ? [base, options.head] : options.staged ? ['--cached', base] : [base];
  const git = async (args: string[]) => {
    try {
      return (await runGit(repo, args)).stdout;
    } catch (error) {
      if (error instanceof CaraError && error.code === 'GIT_FAILED') {
        throw new CaraError('GIT_FAILED', error.message, {
          cause: error,
          hint: 'check that the base revision exists (e.g. fetch it in CI with fetch-depth: 0)',
        });
      }
      throw error;
    }
  };
  const statuses = await git(['diff', '--name-status', '-M', '-z', ...scope, '--']);
  const files = parseNameStatus(statuses);
  const patch = await git(['diff', '-U0', '--no-color', '--no-ext-diff', '-M', ...scope, '--']);
  const ranges = parseHunks(patch);
  const old = parseOldHunks(patch);
  return files.map((f) => ({
    ...f,
    changedLines: ranges.get(f.path) ?? [],
    oldLines: old.get(f.path) ?? [],
  }));
}

/** `--name-status -z`: STATUS\0path\0 (renames: R100\0old\0new\0). */
export function parseNameStatus(text: string): Omit<ChangedFile, 'changedLines' | 'oldLines'>[] {
  const parts = text.split('\0');
  const out: Omit<ChangedFile, 'changedLines' | 'oldLines'>[] = [];
  for (let i = 0; i < parts.length - 1; ) {
    const code = parts[i++] ?? '';
    if (code.startsWith('R') || code.startsWith('C')) {
      const oldPath = parts[i++] ?? '';
      const path = parts[i++] ?? '';
      out.push({ path, oldPath, status: code.startsWith('R') ? 'renamed' : 'added' });
    } else {
      const path = parts[i++] ?? '';
      out.push({ path, status: code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified' });
    }
  }
  return out;
}

/** New-file line ranges per path from a `-U0` patch. */
export function parseHunks(patch: string): Map<string, [number, number][]> {
  return walkHunks(patch, (_oldStart, _oldCount, start, count) =>
    count === 0 ? [Math.max(1, start), Math.max(1, start)] : [start, start + count - 1],
  );
}

/** Old-file line ranges per (new) path from a `-U0` patch; see {@link ChangedFile.oldLines}. */
export function parseOldHunks(patch: string): Map<string, [number, number][]> {
  return walkHunks(patch, (start, count) =>
    count === 0 ? [Math.max(1, start), start + 1] : [start, start + count - 1],
  );
}

/** Calls `range` for each hunk header of each file whose new side exists, keyed by the new path. */
function walkHunks(
  patch: string,
  range: (oldStart: number, oldCount: number, newStart: number, newCount: number) => [number, number],
): Map<string, [number, number][]> {
  const ranges = new Map<string, [number, number][]>();
  let current: [number, number][] | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4);
      current = target === '/dev/null' ? undefined : [];
      if (current) ranges.set(target.replace(/^b\//, ''), current);
      continue;
    }
    const hunk = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const count = (text: string | undefined) => (text === undefined ? 1 : Number(text));
      current.push(range(Number(hunk[1]), count(hunk[2]), Number(hunk[3]), count(hunk[4])));
    }
  }
  return ranges;
}

/** Paths that differ between two commits (both sides of a rename), sorted. */
export async function filesChangedBetween(repo: string, from: string, to: string): Promise<string[]> {
  const { stdout } = await runGit(repo, ['diff', '--name-status', '-M', '-z', from, to, '--']);
  return [
    ...new Set(parseNameStatus(stdout).flatMap((f) => (f.oldPath ? [f.oldPath, f.path] : [f.path]))),
  ].sort();
}

/** The files and lines one commit changed, against its first parent (or the empty tree for a root commit). */
export async function commitChangedFiles(repo: string, sha: string): Promise<ChangedFile[]> {
  const parent = await resolveCommit(repo, `${sha}^`);
  const base = parent ?? (await runGit(repo, ['hash-object', '-t', 'tree', '/dev/null'])).stdout.trim();
  return changedFiles(repo, { base, head: sha });
}
