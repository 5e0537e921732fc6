/**
 * The inputs of the learned failure model, in order. Every one is defined for every test, with or
 * without history, so one row shape serves thin and rich histories alike.
 */
export const FAILURE_FEATURES = [
  /** -ln(1 - p) of the structural noisy-OR prior: coverage, import distance, changed test. */
  'structuralHazard',
  /** 1 when the impact map says the test runs a changed line (or a changed file, at file level). */
  'coversChange',
  /** 1 when the test file itself changed. */
  'changedTest',
  /** 1 / import distance when only the import closure links the test to the change, else 0. */
  'closureOnly',
  /** Recent failure rate shrunk toward 2% by 10 pseudo-runs. */
  'historyRate',
  /** Largest c / (c + 2) over the changed files, c = times the test failed when that file changed. */
  'coFailure',
  /** ln(1 + recorded runs). */
  'logRuns',
  /** The change's risk score, 0.5 when unknown. */
  'risk',
  /** ln(1 + median duration in seconds). */
  'logDuration',
  /** ln(1 + days since the test's first recorded run); 0 for a new test. */
  'logAgeDays',
] as const;

export type FailureFeature = (typeof FAILURE_FEATURES)[number];
