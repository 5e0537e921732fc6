export type VerifyFailureKind =
  | 'modified'
  | 'missing'
  | 'inserted'
  | 'truncated'
  | 'node'
  | 'head'
  | 'checkpoint'
  | 'rewritten'
  | 'pruned';

export interface VerifyFailure {
  /** The first event index found to be bad (for checkpoint failures: the checkpoint's last index). */
  index: number;
  kind: VerifyFailureKind;
  reason: string;
}
