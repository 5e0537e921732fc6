export type { ProxyErrorCode } from './admin.js';
export { ADMIN_PREFIX } from './admin.js';
export type { ProxyControl, ProxyDaemonOptions } from './control.js';
export { connectProxyDaemon, ensureProxyDaemon, readProxyDaemon } from './control.js';
export type { PreviewRoute, ProxyDaemonInfo, ProxyRoutes } from './daemon.js';
export { DEFAULT_BUCKETS_SECONDS } from './metrics.js';
export { createWeightedProxy } from './proxy.js';
export type {
  BackendInstance,
  BackendPool,
  HealthCheckOptions,
  InstanceStatus,
  LatencyHistogram,
  MirroredRequest,
  ProxyMetrics,
  StickyOptions,
  VersionMetrics,
  WeightedProxy,
  WeightedProxyOptions,
  WeightsSnapshot,
} from './types.js';
export { validateBackends } from './validate.js';
