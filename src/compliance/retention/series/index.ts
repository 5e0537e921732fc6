import { auditEventsSeries } from './audit-events.js';
import { deploymentsSeries } from './deployments.js';
import { failureRecordsSeries } from './failure-records.js';
import type { RecordSeries } from './series.js';
import { testRunsSeries } from './test-runs.js';

export type { CandidateOptions, DeleteContext, RecordSeries, RetentionRecord } from './series.js';

/** Every series retention can expire, by the name policies use. */
export const RECORD_SERIES_REGISTRY: ReadonlyMap<string, RecordSeries> = new Map(
  [auditEventsSeries, testRunsSeries, failureRecordsSeries, deploymentsSeries].map((s) => [s.name, s]),
);
