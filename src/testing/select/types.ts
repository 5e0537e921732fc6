import type { ImpactMap } from '../impact/index.js';

/** The files a change touches; `changedLines` are 1-based inclusive ranges in the new file. */
export interface ChangeInput {
  files: ChangedFile[];
}

export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  oldPath?: string;
  /** Lines added or modified in the new file; absent or empty means the whole file counts as changed. */
  changedLines?: [number, number][];
}

/** Why a test was selected, in plain words. */
export interface SelectionEvidence {
  kind: 'coverage' | 'import-closure' | 'changed-test' | 'global-input' | 'history';
  detail: string;
}

/** What the stored history says about one test file. */
export interface TestStats {
  file: string;
  runs: number;
  failures: number;
  /** Failure rate over the recent runs, 0..1. */
  recentFailureRate: number;
  medianDurationMs: number | undefined;
  /** Changed file -> times this test failed in a change touching it. */
  coFailure?: Record<string, number>;
  lastFailedAt?: number;
}

export interface SelectOptions {
  /** Keep adding tests until the estimated probability of missing a failure is below 1 - confidence. */
  confidence?: number;
  /** Keep the best tests whose estimated durations fit this budget (must-run first). */
  budgetMs?: number;
  /** Keep at most this many tests. */
  max?: number;
  /** Paths or globs whose change runs every test; defaults to {@link DEFAULT_GLOBAL_INPUTS}. */
  globalInputs?: string[];
  /** The change's risk score, 0..1 (0.5 is neutral): scales every test's failure hazard. */
  riskScore?: number;
}

export interface SelectedTest {
  file: string;
  mustRun: boolean;
  /** Estimated probability that this test fails on the change. */
  probability: number;
  estimatedMs: number | undefined;
  evidence: SelectionEvidence[];
}

export interface Selection {
  /** Must-run tests first (most likely to fail first), then the rest by probability. */
  tests: SelectedTest[];
  skipped: { file: string; probability: number }[];
  /** True when every test file was selected. */
  all: boolean;
  /** Why the selection is what it is, when it is not the plain evidence (global input, caps). */
  reason?: string;
  /** 1 - product over skipped tests of (1 - probability): the chance a failing test was left out. */
  estimatedMissProbability: number;
}

export interface SelectTestsInput {
  change: ChangeInput;
  /** Every test file of the project, repo-relative posix paths. */
  testFiles: readonly string[];
  impact?: ImpactMap;
  /** Reverse import closure with distance (`ImportGraph.dependentsClosure`). */
  dependents?: (files: readonly string[]) => Map<string, number>;
  stats?: readonly TestStats[];
}
