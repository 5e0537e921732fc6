export * from './features/index.js';
export * from './graph/index.js';
export { loadCommits, type MineResult, mineHistory } from './history/history-store.js';
export { auc, fitLogistic, logLoss, sigmoid } from './model/index.js';
export { explainRisk, type FeatureStanding, type RiskExplanation } from './risk/explain.js';
export { type SzzLabel, szzLabels } from './risk/labels.js';
export { activeModel, DEFAULT_MODEL_ID, type ModelChoice } from './risk/models-store.js';
export {
  bandOf,
  type RiskBand,
  type RiskFactor,
  type RiskScore,
  type ScoreTarget,
  scoreRisk,
} from './risk/score.js';
export { type RiskTrainReport, trainRisk } from './risk/train.js';
