import defaultModel from './default-model.json' with { type: 'json' };
import { loadRiskModel } from './load.js';
import type { RiskModel } from './types.js';

/**
 * The model cara ships, trained by `scripts/train-default-model.ts` on the public JIT data (qt,
 * openstack, gerrit); used while a repository has too little labelled history of its own.
 * Imported as JSON so that tsc emits it next to the compiled code in dist/.
 */
export function loadDefaultModel(): RiskModel {
  return loadRiskModel(defaultModel);
}
