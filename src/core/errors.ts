/** Stable error codes: scripts and the server match on these, never on messages. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_EXISTS'
  | 'CONFIG_NOT_FOUND'
  | 'NOT_A_GIT_REPO'
  | 'STORE_UNAVAILABLE'
  | 'STORE_CORRUPT'
  | 'STORE_MIGRATION'
  | 'STATE_DIR_UNREADABLE'
  | 'SIGNING_KEY_MISSING'
  | 'SIGNING_KEY_INVALID'
  | 'AUDIT_TAMPERED'
  | 'AUDIT_NOT_FOUND'
  | 'CHECKPOINT_INVALID'
  | 'USAGE'
  | 'EXTERNAL_TOOL_MISSING'
  | 'INTERNAL'
  | 'GIT_FAILED'
  | 'GIT_REV_UNKNOWN'
  | 'GIT_HISTORY_REWRITTEN'
  | 'FEATURE_STATE_INVALID'
  | 'MODEL_INCOMPATIBLE'
  | 'MODEL_INVALID'
  | 'DATA_INVALID'
  | 'TRAINING_DATA'
  | 'TEST_REPORT_INVALID'
  | 'RUNNER_UNKNOWN'
  | 'RUNNER_NOT_INSTALLED'
  | 'RUNNER_NOT_DETECTED'
  | 'RUNNER_FAILED'
  | 'DEPLOY_CONFIG_INVALID'
  | 'DEPLOY_START_FAILED'
  | 'DEPLOY_NOT_READY'
  | 'DEPLOY_PORT_IN_USE'
  | 'DEPLOY_WEIGHTS_INVALID'
  | 'DEPLOY_LOCKED'
  | 'DEPLOY_NOT_FOUND'
  | 'DEPLOY_STATE'
  | 'PROXY_UNREACHABLE'
  | 'APPROVER_UNKNOWN'
  | 'SELF_APPROVAL'
  | 'COMPLIANCE_TEMPLATE_INVALID';

export interface CaraErrorOptions {
  /** A next step for the user, printed under the message. */
  hint?: string;
  cause?: unknown;
  /** Process exit code the CLI uses; defaults to 2 (bad input or environment). */
  exitCode?: number;
}

/** Every expected failure is a CaraError: a stable code, a message that says what happened, a hint. */
export class CaraError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options: CaraErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CaraError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 2;
  }
}

export function isCaraError(error: unknown): error is CaraError {
  return error instanceof CaraError;
}

/** The message of any thrown value, for wrapping causes into a CaraError. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
