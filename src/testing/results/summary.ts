import { roundMs, type TestFileResult, type TestOutcome, type TestRunResult } from './model.js';

export interface TestRunSummary {
  total: number;
  counts: Record<TestOutcome, number>;
  /** Tests that passed only on a retry. */
  flakyPassed: number;
  /** The run's wall-clock duration as reported by the runner. */
  durationMs: number;
  /** Sum of the test cases' own durations. */
  testDurationMs: number;
  /** Files ordered by duration, longest first. */
  slowestFiles: TestFileResult[];
}

export interface SummarizeOptions {
  /** How many of the slowest files to keep; 10 by default. */
  slowest?: number;
}

/** Counts by outcome, total durations and the slowest files of one run. */
export function summarize(run: TestRunResult, options: SummarizeOptions = {}): TestRunSummary {
  const counts: Record<TestOutcome, number> = { passed: 0, failed: 0, skipped: 0, errored: 0 };
  let testDurationMs = 0;
  let flakyPassed = 0;
  for (const test of run.tests) {
    counts[test.outcome]++;
    testDurationMs += test.durationMs;
    if (test.flakyPassed) flakyPassed++;
  }
  const slowestFiles = [...run.files]
    .sort((a, b) => b.durationMs - a.durationMs || a.file.localeCompare(b.file))
    .slice(0, options.slowest ?? 10);
  return {
    total: run.tests.length,
    counts,
    flakyPassed,
    durationMs: run.durationMs,
    testDurationMs: roundMs(testDurationMs),
    slowestFiles,
  };
}
