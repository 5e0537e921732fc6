export { isMeaningfulLine } from './line-filter.js';
export { labelFor, runSzz, type SkippedCommit, type SzzOptions, type SzzResult } from './szz.js';
