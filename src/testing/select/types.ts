import type { ImpactMap } from '../impact/index.js';
import type { FailureModel } from './model.js';

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
  /**
   * The same change in base-file lines (replaced or deleted lines, and the lines around an insertion).
   * An impact map taken at the base is compared with these when given: its line numbers are the base's.
   */
  oldLines?: [number, number][];
}

/** Why a test was selected, in plain words. */
export interface SelectionEvidence {
  kind: 'coverage' | 'import-closure' | 'changed-test' | 'global-input' | 'history' | 'model' | 'adaptation';
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
  /** Epoch ms of the test's first recorded run. */
  firstRunAt?: number;
}

/**
 * Asks for a wider selection, after a selected run of the same change found failures: `closure`
 * makes every test in the import closure must-run and raises the confidence to at least 0.99;
 * `all` runs everything. Tests that failed then always run.
 */
export interface WidenRequest {
  mode: 'closure' | 'all';
  reason: string;
  failedTests?: readonly string[];
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
  widen?: WidenRequest;
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
  /** Which estimate ranked the tests: the learned model, or the structural one while history is thin. */
  ranking: 'model' | 'structural';
  /** Every test's feature row and structural estimate, selected or not: what the model learns from. */
  observations: SelectionObservation[];
}

export interface SelectionObservation {
  file: string;
  selected: boolean;
  features: number[];
  /** The structural (hand-made) estimate, kept to compare the model against. */
  prior: number;
}

export interface SelectTestsInput {
  change: ChangeInput;
  /** Every test file of the project, repo-relative posix paths. */
  testFiles: readonly string[];
  impact?: ImpactMap;
  /** Reverse import closure with distance (`ImportGraph.dependentsClosure`). */
  dependents?: (files: readonly string[]) => Map<string, number>;
  stats?: readonly TestStats[];
  /** The learned failure model; used only once trained on enough history (`usableModel`). */
  model?: FailureModel;
  /** Epoch ms of the selection (for test age); defaults to none, which counts every test as new. */
  now?: number;
}
