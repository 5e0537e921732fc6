import { messageOf } from '../../core/errors.js';
import { blameLines, type CommitRecord, deletedLines } from '../../git/index.js';
import { DEFAULT_FIX_PATTERNS, fileKind, isFixMessage } from '../features/index.js';
import { isMeaningfulLine, toRanges } from './line-filter.js';
import { mapWithConcurrency } from './pool.js';

export interface SzzOptions {
  /** Messages of fix commits; the feature extractor's defaults when absent. */
  fixPatterns?: readonly RegExp[];
  /** Fixes touching more files are skipped, and candidates touching more are ignored; 50 by default. */
  maxFilesPerCommit?: number;
  /** Commits never blamed (formatting sweeps, mass renames); blame looks through them. */
  ignoreRevs?: readonly string[];
  /** Fixes already analysed (by an earlier, incremental run): left out of this one entirely. */
  skipFixes?: ReadonlySet<string> | readonly string[];
  /** Fixes analysed at once (each runs one diff and one blame per file); 4 by default. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface SzzResult {
  /** Fix commits analysed, oldest first (fixes that were skipped are in `skipped` instead). */
  fixes: string[];
  /** Bug-introducing commit -> the fixes whose changed lines it last touched, oldest first. */
  bugIntroducing: Map<string, string[]>;
  /** Fixes and candidates left out, and why. */
  skipped: SkippedCommit[];
}

export interface SkippedCommit {
  sha: string;
  /**
   * A fix that was not analysed, or a candidate that was not counted as bug-introducing (always
   * set by `runSzz`; optional so results read back from storage need not carry it).
   */
  kind?: 'fix' | 'candidate';
  reason: string;
}

const DEFAULT_MAX_FILES = 50;
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_LABEL_DELAY_DAYS = 90;

interface FixOutcome {
  inducing: Set<string>;
  notes: SkippedCommit[];
  error?: string;
}

/**
 * SZZ (Śliwerski, Zimmermann & Zeller 2005, with the refinements of Kim et al. 2006): for each
 * fix commit (found by message), the lines it deleted or changed (`git diff -w -U0 fix^ fix`,
 * whitespace-only changes, blank and comment-only lines and documentation files ignored) are blamed
 * at `fix^` (`git blame -w`, one process per file); the commits that last touched them, and were
 * not authored after the fix, introduced the bug. Very large fixes and candidates are ignored:
 * they are sweeps (merges of branches, reformatting, vendoring), not focused changes.
 * A failing fix is reported in `skipped`, never aborting the run.
 */
export async function runSzz(
  repo: string,
  commits: readonly CommitRecord[],
  options: SzzOptions = {},
): Promise<SzzResult> {
  const patterns = options.fixPatterns ?? DEFAULT_FIX_PATTERNS;
  const maxFiles = options.maxFilesPerCommit ?? DEFAULT_MAX_FILES;
  const ignored = new Set(options.ignoreRevs ?? []);
  const order = new Map<string, number>();
  const bySha = new Map<string, CommitRecord>();
  for (const [i, commit] of commits.entries()) {
    order.set(commit.sha, i);
    bySha.set(commit.sha, commit);
  }
  const skipped: SkippedCommit[] = [];
  const fixes: CommitRecord[] = [];
  const alreadyAnalysed = new Set(options.skipFixes ?? []);
  for (const commit of commits) {
    if (commit.isMerge || alreadyAnalysed.has(commit.sha) || !isFixMessage(commit.message, patterns))
      continue;
    const reason = fixSkipReason(commit, maxFiles, ignored);
    if (reason) skipped.push({ sha: commit.sha, kind: 'fix', reason });
    else fixes.push(commit);
  }

  let done = 0;
  const outcomes = await mapWithConcurrency(
    fixes,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    async (fix) => {
      const outcome = await analyseFix(repo, fix, { bySha, maxFiles, ignored, signal: options.signal });
      options.onProgress?.(++done, fixes.length);
      return outcome;
    },
    options.signal,
  );

  const bugIntroducing = new Map<string, string[]>();
  const noted = new Set<string>();
  const analysed: string[] = [];
  for (const [i, fix] of fixes.entries()) {
    const outcome = outcomes[i] as FixOutcome;
    for (const note of outcome.notes) {
      if (noted.has(note.sha)) continue;
      noted.add(note.sha);
      skipped.push(note);
    }
    if (outcome.error !== undefined) {
      skipped.push({ sha: fix.sha, kind: 'fix', reason: outcome.error });
      continue;
    }
    analysed.push(fix.sha);
    for (const sha of outcome.inducing) {
      const list = bugIntroducing.get(sha);
      if (list) list.push(fix.sha);
      else bugIntroducing.set(sha, [fix.sha]);
    }
  }
  const byAge = (a: string, b: string) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity);
  const sorted = new Map([...bugIntroducing].sort(([a], [b]) => byAge(a, b)));
  return { fixes: analysed, bugIntroducing: sorted, skipped };
}

function fixSkipReason(fix: CommitRecord, maxFiles: number, ignored: Set<string>): string | undefined {
  if (ignored.has(fix.sha)) return 'fix is in ignoreRevs';
  if (fix.parents.length === 0) return 'fix has no parent to blame';
  if (fix.files.length > maxFiles) {
    return `fix touches ${fix.files.length} files (more than maxFilesPerCommit ${maxFiles}): too broad to blame`;
  }
  return undefined;
}

interface FixContext {
  bySha: Map<string, CommitRecord>;
  maxFiles: number;
  ignored: Set<string>;
  signal: AbortSignal | undefined;
}

async function analyseFix(repo: string, fix: CommitRecord, context: FixContext): Promise<FixOutcome> {
  const parent = fix.parents[0] as string;
  const outcome: FixOutcome = { inducing: new Set(), notes: [] };
  try {
    for (const file of await deletedLines(repo, parent, fix.sha)) {
      context.signal?.throwIfAborted();
      if (fileKind(file.oldPath) === 'doc') continue;
      const lines = file.lines.filter((line) => isMeaningfulLine(line.text)).map((line) => line.line);
      if (lines.length === 0) continue;
      const blamed = await blameLines(repo, parent, file.oldPath, toRanges(lines), {
        ignoreRevs: [...context.ignored],
        ...(context.signal ? { signal: context.signal } : {}),
      });
      for (const line of blamed) {
        if (context.ignored.has(line.sha) || line.authorTime > fix.authorTime) continue;
        const reason = candidateSkipReason(line, context);
        if (reason) outcome.notes.push({ sha: line.sha, kind: 'candidate', reason });
        else outcome.inducing.add(line.sha);
      }
    }
  } catch (error) {
    context.signal?.throwIfAborted();
    return { inducing: new Set(), notes: outcome.notes, error: `blame failed: ${messageOf(error)}` };
  }
  return outcome;
}

function candidateSkipReason(
  line: { sha: string; boundary: boolean },
  { bySha, maxFiles }: FixContext,
): string | undefined {
  if (line.boundary) return 'shallow-clone boundary: the lines blamed to it may be older';
  const candidate = bySha.get(line.sha);
  if (candidate?.isMerge) return 'merge commit: not a candidate';
  if (candidate && candidate.files.length > maxFiles) {
    return `candidate touches ${candidate.files.length} files (more than maxFilesPerCommit ${maxFiles}): ignored`;
  }
  return undefined;
}

/**
 * The training label of a commit: 1 when SZZ found it bug-introducing; 0 when not and old enough
 * (authored at least `labelDelayDays` before `now`, unix seconds) for its fix to have been seen;
 * undefined while too young to know.
 */
export function labelFor(
  sha: string,
  authorTime: number,
  result: SzzResult,
  now: number,
  labelDelayDays: number = DEFAULT_LABEL_DELAY_DAYS,
): 0 | 1 | undefined {
  if (result.bugIntroducing.has(sha)) return 1;
  return authorTime <= now - labelDelayDays * 86_400 ? 0 : undefined;
}
