export type { LoadArgs } from './args.js';
export { parseDuration, parseLoadArgs } from './args.js';
export type { Mix, RequestKind } from './requests.js';
export { DEFAULT_MIX, REQUEST_KINDS } from './requests.js';
export type { RunLoadOptions } from './run-load.js';
export { runLoad } from './run-load.js';
export type { LatencySummary, LoadSummary } from './stats.js';
export { formatSummary, percentile } from './stats.js';
