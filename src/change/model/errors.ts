import { CaraError } from '../../core/errors.js';

/** Stable codes for the risk model's expected failures (part of the core `ErrorCode` list). */
export type RiskModelErrorCode = 'MODEL_INCOMPATIBLE' | 'MODEL_INVALID' | 'DATA_INVALID' | 'TRAINING_DATA';

/** A risk-model failure: a CaraError, so every surface reports it with its code and hint. */
export class RiskModelError extends CaraError {
  declare readonly code: RiskModelErrorCode;

  constructor(code: RiskModelErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(code, message, options);
    this.name = 'RiskModelError';
  }
}
