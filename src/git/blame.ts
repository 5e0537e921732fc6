import { runGit } from './run.js';

/** Who last touched one line, as `git blame` sees it. */
export interface BlamedLine {
  /** Line number in the blamed revision's file. */
  line: number;
  sha: string;
  /** Unix seconds. */
  authorTime: number;
  /**
   * The commit is a boundary of the walk (in a shallow clone, the oldest present commit): the line
   * may be older than the history cara can see.
   */
  boundary: boolean;
}

export interface BlameOptions {
  /** Commits blame looks through, attributing their lines to earlier ones (`--ignore-rev`). */
  ignoreRevs?: readonly string[];
  signal?: AbortSignal;
}

/**
 * The commits that last touched `ranges` (inclusive line ranges) of `path` at `rev`, from ONE
 * `git blame --porcelain -w` with one `-L` per range. Whitespace-only changes are looked through.
 */
export async function blameLines(
  repo: string,
  rev: string,
  path: string,
  ranges: readonly (readonly [number, number])[],
  options: BlameOptions = {},
): Promise<BlamedLine[]> {
  if (ranges.length === 0) return [];
  // --root: a root commit is an ordinary author of lines, not a boundary.
  const args = ['blame', '--porcelain', '-w', '--root'];
  for (const ignored of options.ignoreRevs ?? []) args.push('--ignore-rev', ignored);
  for (const [start, end] of ranges) args.push('-L', `${start},${end}`);
  args.push(rev, '--', path);
  const { stdout } = await runGit(repo, args, options.signal ? { signal: options.signal } : {});
  return parsePorcelain(stdout);
}

const GROUP = /^([0-9a-f]{40,64}) \d+ (\d+)(?: \d+)?$/;

interface CommitInfo {
  authorTime: number;
  boundary: boolean;
}

/** Parses `git blame --porcelain`: commit fields are printed only the first time a commit appears. */
export function parsePorcelain(output: string): BlamedLine[] {
  const commits = new Map<string, CommitInfo>();
  const lines: { line: number; sha: string }[] = [];
  let info: CommitInfo | undefined;
  for (const raw of output.split('\n')) {
    if (raw.startsWith('\t') || raw === '') continue;
    const group = GROUP.exec(raw);
    if (group) {
      const sha = group[1] ?? '';
      lines.push({ line: Number(group[2]), sha });
      info = commits.get(sha);
      if (!info) {
        info = { authorTime: 0, boundary: false };
        commits.set(sha, info);
      }
    } else if (info && raw.startsWith('author-time ')) {
      info.authorTime = Number(raw.slice('author-time '.length));
    } else if (info && raw === 'boundary') {
      info.boundary = true;
    }
  }
  return lines.map(({ line, sha }) => {
    const commit = commits.get(sha) ?? { authorTime: 0, boundary: false };
    return { line, sha, authorTime: commit.authorTime, boundary: commit.boundary };
  });
}
