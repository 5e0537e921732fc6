/** Control flow of a running step: thrown by steps and caught by the driver. */
import type { Outcome } from './types.js';

/** Thrown inside a step to stop it and roll back. */
export class RollbackSignal {
  constructor(
    readonly outcome: Exclude<Outcome, 'promoted'>,
    readonly reason: string,
  ) {}
}

/** Thrown inside a step when an operator skipped to another step. */
export class JumpSignal {
  constructor(readonly step: number) {}
}

/** Thrown when the command was interrupted: the deployment stays as it is for `resume`. */
export class DetachSignal {}
