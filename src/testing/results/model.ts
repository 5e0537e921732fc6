import path from 'node:path';

export type TestOutcome = 'passed' | 'failed' | 'skipped' | 'errored';

export interface TestFailure {
  message: string;
  type?: string;
  stack?: string;
}

export interface TestCaseResult {
  /** Stable id: `${file}::${suite path joined by ' > '}::${name}` (file repo-relative, posix). */
  id: string;
  file: string | undefined;
  suite: string[];
  name: string;
  outcome: TestOutcome;
  durationMs: number;
  failure?: TestFailure;
  /** Attempts when the runner retried (1 = no retry). */
  attempts: number;
  /** True when the test failed at least once and then passed on a retry within the same run. */
  flakyPassed: boolean;
}

export interface TestFileResult {
  file: string;
  durationMs: number;
  outcome: TestOutcome;
}

export interface TestRunResult {
  runner: string;
  startedAt?: string;
  durationMs: number;
  tests: TestCaseResult[];
  files: TestFileResult[];
}

/** The stable id of a test case; an unknown file is written as an empty segment. */
export function testId(file: string | undefined, suite: readonly string[], name: string): string {
  return `${file ?? ''}::${suite.join(' > ')}::${name}`;
}

/**
 * A report's file path as a repo-relative posix path.
 * Absolute paths under `root` are made relative; others keep their (posix) form.
 */
export function toRepoPath(file: string, root: string | undefined): string {
  let posix = file.replaceAll('\\', '/');
  if (root !== undefined) {
    const rootPosix = root.replaceAll('\\', '/').replace(/\/+$/, '');
    if (posix === rootPosix) return '.';
    if (rootPosix !== '' && posix.startsWith(`${rootPosix}/`)) posix = posix.slice(rootPosix.length + 1);
  }
  posix = path.posix.normalize(posix);
  return posix.startsWith('./') ? posix.slice(2) : posix;
}

const SEVERITY: Record<TestOutcome, number> = { skipped: 0, passed: 1, failed: 2, errored: 3 };

/** The outcome of a group of tests: the most severe one, `skipped` only when everything was skipped. */
export function worstOutcome(outcomes: Iterable<TestOutcome>): TestOutcome {
  let worst: TestOutcome = 'skipped';
  for (const outcome of outcomes) if (SEVERITY[outcome] > SEVERITY[worst]) worst = outcome;
  return worst;
}

/** Seconds (or milliseconds) rounded to whole microseconds, so float noise never leaks into ids or sums. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Per-file totals derived from the test cases, for reports that carry no file-level timing. */
export function filesFromTests(tests: readonly TestCaseResult[]): TestFileResult[] {
  const byFile = new Map<string, { durationMs: number; outcomes: TestOutcome[] }>();
  for (const test of tests) {
    if (test.file === undefined) continue;
    const entry = byFile.get(test.file) ?? { durationMs: 0, outcomes: [] };
    entry.durationMs += test.durationMs;
    entry.outcomes.push(test.outcome);
    byFile.set(test.file, entry);
  }
  return [...byFile].map(([file, entry]) => ({
    file,
    durationMs: roundMs(entry.durationMs),
    outcome: worstOutcome(entry.outcomes),
  }));
}
