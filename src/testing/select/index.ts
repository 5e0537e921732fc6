export { DEFAULT_GLOBAL_INPUTS, matchGlobalInput } from './global-inputs.js';
export { estimateFailure, type FailureEstimate, MIN_RUNS } from './probability.js';
export { DEFAULT_CONFIDENCE, selectTests } from './select.js';
export type {
  ChangedFile,
  ChangeInput,
  SelectedTest,
  Selection,
  SelectionEvidence,
  SelectOptions,
  SelectTestsInput,
  TestStats,
} from './types.js';
