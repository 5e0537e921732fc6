export {
  type CollectCoverageOptions,
  type CollectedCoverage,
  collectCoverage,
  collectCoverageDetail,
} from './collect.js';
export { mergeImpact } from './merge.js';
export { formatRanges, intersectRanges, mergeRanges } from './ranges.js';
export { CAPTURE_PRELOAD, type TransformedSource } from './transformed.js';
export type { CoverageLines, ImpactMap, LineRanges } from './types.js';
export { type V8CoverageOptions, v8CoverageDetail, v8CoverageToLines } from './v8-lines.js';
