import shipped from './guard-model.json' with { type: 'json' };
import { type Guard, guardFromParams } from './model.js';
import { loadGuardParams, type SerializedGuardParams } from './params.js';
import type { GuardParams, GuardVerdict } from './types.js';

let shippedGuard: Guard | undefined;

/**
 * The parameters cara ships, trained by `scripts/train-guard.ts` on the deepset prompt-injection
 * set plus our generated corpus. Imported as JSON so tsc emits it beside the compiled code.
 */
export function shippedGuardParams(): GuardParams {
  return loadGuardParams(shipped);
}

/**
 * A guard over the given parameters (validated when serialized), or over the shipped ones.
 * Damaged parameters throw CaraError('MODEL_INVALID').
 */
export function createGuard(params?: GuardParams | SerializedGuardParams | unknown): Guard {
  if (params === undefined) return guardFromParams(shippedGuardParams());
  const validated =
    typeof params === 'object' && params !== null && (params as GuardParams).weights instanceof Float64Array
      ? (params as GuardParams)
      : loadGuardParams(params);
  return guardFromParams(validated);
}

/**
 * Classifies one prompt as 'injection' or 'benign' with the shipped parameters (loaded once).
 * Input beyond the first 8,000 and last 2,000 characters is not read, which bounds the latency.
 */
export function classify(text: string): GuardVerdict {
  shippedGuard ??= createGuard();
  return shippedGuard.classify(text);
}
