/**
 * What a compliance check is: an id, a zod schema of its parameters, and an assessment over the
 * repository's audit log, config, template and git work tree that returns pass, fail or
 * not-assessed with evidence and a one-line reason.
 */
import type { z } from 'zod';
import type { AuditEvent, StoredCheckpoint, TreeHead, VerifyReport } from '../../audit/index.js';
import type { NepaSource } from '../nepa/index.js';

export type CheckStatus = 'pass' | 'fail' | 'not-assessed';

/** Counts, ids and file paths an auditor can follow up. */
export type Evidence = Record<string, unknown>;

export interface CheckResult {
  status: CheckStatus;
  /** One line: why it passed, failed or could not be assessed. */
  reason: string;
  evidence: Evidence;
}

export type CheckFamily =
  | 'audit'
  | 'retention'
  | 'secrets'
  | 'approvals'
  | 'deploy'
  | 'monitoring'
  | 'nepa'
  | 'controls';

/** The audit trail as checks read it (an `AuditLog` fits). */
export interface AuditSource {
  list(): Promise<AuditEvent[]>;
  head(): Promise<TreeHead>;
  checkpoints(): Promise<StoredCheckpoint[]>;
  verify(): Promise<VerifyReport>;
}

/** The status of one control of another template, for checks that reference controls. */
export interface ControlStatusLookup {
  /** Undefined when the template is not part of this run. */
  template(name: string): { controls: readonly { id: string; status: CheckStatus }[] } | undefined;
}

/** Everything a check may read; I/O lives behind it so checks stay small. */
export interface CheckContext {
  /** The repository root. */
  root: string;
  /** `cara.config.yaml` as loaded; sections other capabilities add are read loosely. */
  config: Readonly<Record<string, unknown>>;
  /** The audit signing key file (absolute). */
  signingKeyPath: string;
  audit: AuditSource;
  /** Every event of the log, read once per run. */
  events(): Promise<readonly AuditEvent[]>;
  /** The template being evaluated: its file and its top-level sections. */
  template: { file: string; name: string; retention?: { auditOnlineDays?: number | undefined } | undefined };
  /** The NEPA database named on the command line, if any. */
  nepaSource: NepaSource | undefined;
  controls: ControlStatusLookup;
  now(): Date;
  /** Runs `compute` once per key per run (e.g. one secret scan for several controls). */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export interface ComplianceCheck<P extends z.ZodType = z.ZodType> {
  id: string;
  family: CheckFamily;
  description: string;
  /** The check's own parameter schema; a template with a wrong parameter is rejected by it. */
  parameters: P;
  run(ctx: CheckContext, parameters: z.output<P>): Promise<CheckResult>;
}

/** Declares a check with its parameter type inferred from its schema. */
export function defineCheck<P extends z.ZodType>(check: ComplianceCheck<P>): ComplianceCheck {
  return check as unknown as ComplianceCheck;
}

export const pass = (reason: string, evidence: Evidence = {}): CheckResult => ({
  status: 'pass',
  reason,
  evidence,
});
export const fail = (reason: string, evidence: Evidence = {}): CheckResult => ({
  status: 'fail',
  reason,
  evidence,
});
export const notAssessed = (reason: string, evidence: Evidence = {}): CheckResult => ({
  status: 'not-assessed',
  reason,
  evidence,
});

/** At most `max` items of a list, for evidence that stays readable. */
export function sample<T>(items: readonly T[], max = 10): T[] {
  return items.slice(0, max);
}
