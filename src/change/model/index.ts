export { loadJitCsv } from './csv.js';
export { loadDefaultModel } from './default-model.js';
export { RiskModelError, type RiskModelErrorCode } from './errors.js';
export {
  type EvaluateOptions,
  evaluateOn,
  evaluateTimeOrdered,
  type TimeOrderedSplitOptions,
  timeOrderedSplit,
} from './evaluate.js';
export { ENGINEERED_INPUTS, KAMEI_FEATURES, type KameiFeature, RAW_INPUTS } from './features.js';
export { loadRiskModel } from './load.js';
export { fitLogistic, sigmoid } from './logistic.js';
export { auc, brierScore, calibrationCurve, logLoss, precisionAtBands } from './metrics.js';
export { FORMAT_VERSION } from './model.js';
export { DEFAULT_TRAIN_OPTIONS, trainRiskModel } from './train.js';
export type {
  BandPrecision,
  CalibrationBin,
  Evaluation,
  Factor,
  GbtOptions,
  ModelKind,
  RiskModel,
  Sample,
  SerializedModel,
  TrainedOn,
  TrainOptions,
} from './types.js';
