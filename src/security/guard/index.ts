import { fileURLToPath } from 'node:url';

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

/**
 * The absolute path of the guard's stand-alone module (`middleware-entry`), which exports only
 * `classify`: the compiled `.js` when cara runs from `dist/`, the `.ts` source when it runs from `src/`.
 * Set it as the reference agent's `GUARD_MODULE` to put the guard in front of its guarded mode.
 */
export function guardModulePath(): string {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return fileURLToPath(new URL(`./middleware-entry${extension}`, import.meta.url));
}
