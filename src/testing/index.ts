export * from './flaky/index.js';
export { freshImpact, type ImpactFreshness } from './history/impact-freshness.js';
export { collectImpact, coverageCommand, loadImpact, saveImpact } from './history/impact-store.js';
export { retryFailures } from './history/retry.js';
export {
  changeKey,
  coFailureCounts,
  lastRunOfChange,
  loadFailureModel,
  loadTrainingRows,
  type PreviousRun,
  type RunChange,
  recordObservations,
  saveFailureModel,
} from './history/selection-store.js';
export {
  fileDurations,
  loadQuarantine,
  loadTestHistory,
  recordTestRun,
  saveQuarantine,
  shardItems,
  testFileStats,
} from './history/test-history.js';
export * from './impact/index.js';
export * from './results/index.js';
export * from './runners/index.js';
export * from './select/index.js';
export * from './shard/index.js';
