export {
  type ApplyRetentionOptions,
  applyRetention,
  planRetentionNow,
  type RetentionResult,
  type RetentionRunOptions,
} from './apply.js';
export {
  BUNDLE_FORMAT,
  type BundleManifest,
  MANIFEST_FILE,
  RECORDS_FILE,
  type WrittenBundle,
} from './bundle.js';
export {
  cutoffOf,
  decideSeries,
  holdActive,
  type LegalHold,
  type PlanRetentionOptions,
  planRetention,
  type RetentionConfig,
  type RetentionPlan,
  type RetentionPolicy,
  type SeriesPlan,
  type SeriesSummary,
  summarizePlan,
} from './plan.js';
export {
  type CandidateOptions,
  type DeleteContext,
  RECORD_SERIES_REGISTRY,
  type RecordSeries,
  type RetentionRecord,
} from './series/index.js';
export { type BundleVerifyReport, verifyBundle } from './verify-bundle.js';
