export { guardCorpus, guardTrainingSet } from './corpus.js';
export { parseLabelledJsonl } from './dataset.js';
export { classify, createGuard, shippedGuardParams } from './guard.js';
export type { Guard } from './model.js';
export { normalizeText } from './normalize.js';
export { loadGuardParams, type SerializedGuardParams, serializeGuardParams } from './params.js';
export { DEFAULT_SPEC, trainGuard } from './train.js';
export type {
  FeatureSpec,
  GuardParams,
  GuardVerdict,
  LabelledText,
  TrainedOn,
  TrainGuardOptions,
} from './types.js';
