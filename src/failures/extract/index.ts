export { failuresFromLog } from './from-log.js';
export { failuresFromTestResults } from './from-tests.js';
export type { FailureRecord, FailuresFromLogOptions, FailuresFromTestResultsOptions } from './model.js';
