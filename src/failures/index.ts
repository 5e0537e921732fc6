export { type AnalyzeOptions, analyzeFailures } from './analysis/analyze.js';
export { type ClusterInput, clusterFailures, type FailureCluster } from './analysis/clusters.js';
export { failureSignature, topRepoFrames } from './analysis/signature.js';
export {
  type AnalysisRecord,
  type AnalyzedFailure,
  loadClusterInputs,
  loadFailures,
  loadMinerState,
  saveAnalysis,
} from './analysis/store.js';
export * from './extract/index.js';
export * from './logs/index.js';
export * from './stack/index.js';
export * from './suspects/index.js';
export * from './templates/index.js';
