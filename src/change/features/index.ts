export { describeFeature, describeFeatures } from './describe.js';
export { authorKey, entropyOf, FeatureExtractor, recentExperience } from './extractor.js';
export {
  type ChangeFeatures,
  EXTRA_FEATURES,
  type ExtraFeature,
  type FeatureContext,
  type FeatureOptions,
  KAMEI_FEATURES,
  type KameiFeature,
} from './features.js';
export { DEFAULT_FIX_PATTERNS, isFixMessage } from './fix-patterns.js';
export { type FileKind, fileKind } from './paths.js';
