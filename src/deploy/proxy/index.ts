export type { ProxyErrorCode } from './admin.js';
export { ADMIN_PREFIX } from './admin.js';
export { DEFAULT_BUCKETS_SECONDS } from './metrics.js';
export { createWeightedProxy } from './proxy.js';
export type {
  BackendInstance,
  BackendPool,
  HealthCheckOptions,
  InstanceStatus,
  LatencyHistogram,
  ProxyMetrics,
  StickyOptions,
  VersionMetrics,
  WeightedProxy,
  WeightedProxyOptions,
  WeightsSnapshot,
} from './types.js';
export { validateBackends } from './validate.js';
