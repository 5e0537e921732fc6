export { metricsMiddleware } from './middleware.js';
export type { CreateMetricsOptions, ServiceMetrics } from './registry.js';
export { createMetrics } from './registry.js';
