/** One execution of a test inside a run; a run's retries are further attempts. */
export interface TestAttempt {
  outcome: 'passed' | 'failed' | 'skipped' | 'errored';
}

/** Everything one run recorded about one test, attempts in the order they happened. */
export interface TestRunRecord {
  runId: string;
  commit: string;
  /** Unix milliseconds; orders runs in time (ties broken by `runId`). */
  at: number;
  testId: string;
  attempts: TestAttempt[];
}

/** Per-run totals, used to recognise infrastructure failures. */
export interface RunSummary {
  runId: string;
  total: number;
  failed: number;
}

export type TestClass = 'stable' | 'flaky' | 'broken' | 'unknown';

export interface FlakyOptions {
  /** Runs needed before a test is called stable, broken or statistically flaky. Default 5. */
  minRuns?: number;
  /** Two-sided confidence of the Wilson interval. Default 0.95. */
  confidence?: number;
  /** A test whose intermittent-failure Wilson lower bound exceeds this is flaky. Default 0.01. */
  flakyRateThreshold?: number;
  /** A run where more than this share of tests failed is an infrastructure failure. Default 0.8. */
  infraFailureRatio?: number;
}

export interface FlakyVerdict {
  testId: string;
  class: TestClass;
  /** Runs counted: infrastructure failures and runs where every attempt was skipped are left out. */
  runs: number;
  /** Counted runs whose first attempt failed or errored, including regressions and passes on retry. */
  failures: number;
  /** Counted runs that failed and then passed on a retry. */
  passOnRetry: number;
  /** Intermittent failures (failures not explained as a regression) divided by `runs`. */
  failureRate: number;
  /** Wilson interval of `failureRate`. */
  wilson: { low: number; high: number };
  /** Plain-language reasons, e.g. "passed on retry in 2 of 9 runs". */
  evidence: string[];
}
