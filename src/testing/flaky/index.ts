export { classifyTests, infrastructureFailures } from './classify.js';
export {
  addEntry,
  type GateOutcome,
  type GateResult,
  gateOutcome,
  isQuarantined,
  MAX_QUARANTINE_MS,
  type QuarantineEntry,
  removeEntry,
  validateEntry,
} from './quarantine.js';
export type {
  FlakyOptions,
  FlakyVerdict,
  RunSummary,
  TestAttempt,
  TestClass,
  TestRunRecord,
} from './types.js';
export { normalQuantile, wilsonInterval } from './wilson.js';
