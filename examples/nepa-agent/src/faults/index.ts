export type { LeakOptions } from './leak.js';
export { MemoryLeak } from './leak.js';
export type { FaultMiddlewareOptions } from './middleware.js';
export { drawLatency, faultMiddleware } from './middleware.js';
export type { Random } from './random.js';
export { seededRandom } from './random.js';
