export { FAILURE_FEATURES, type FailureFeature, failureFeatures } from './features.js';
export { DEFAULT_GLOBAL_INPUTS, matchGlobalInput } from './global-inputs.js';
export {
  type FailureModel,
  type FailureModelEvaluation,
  MIN_MODEL_FAILURES,
  MIN_MODEL_ROWS,
  parseFailureModel,
  predictFailure,
  type TrainingRow,
  trainFailureModel,
  updateFailureModel,
  usableModel,
} from './model.js';
export { estimateFailure, type FailureEstimate, MIN_RUNS } from './probability.js';
export { DEFAULT_CONFIDENCE, selectTests } from './select.js';
export type {
  ChangedFile,
  ChangeInput,
  SelectedTest,
  Selection,
  SelectionEvidence,
  SelectionObservation,
  SelectOptions,
  SelectTestsInput,
  TestStats,
  WidenRequest,
} from './types.js';
