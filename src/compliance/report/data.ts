/**
 * The compliance report as data: the evaluation of `cara compliance check`, the NEPA figures when
 * a database was given, and the signed audit checkpoint the evaluation was computed against.
 */
import type { StoredCheckpoint } from '../../audit/index.js';
import type { ComplianceCheckReport } from '../controls/index.js';
import type { NepaReport } from '../nepa/index.js';

/** A signed audit checkpoint as a report carries it. */
export interface ReportCheckpoint {
  /** The log's origin line, e.g. `cara.local/my-repo`. */
  origin: string;
  /** Events covered (the Merkle tree size). */
  size: number;
  /** The Merkle root, hex. */
  rootHash: string;
  keyId: string;
  createdAt: string;
  /** The signed note (C2SP checkpoint format), verbatim. */
  note: string;
}

export const COMPLIANCE_REPORT_KIND = 'cara.compliance-report';

export interface ComplianceReportData extends ComplianceCheckReport {
  kind: typeof COMPLIANCE_REPORT_KIND;
  /** Bumped when the shape changes incompatibly. */
  version: 1;
  generatedAt: string;
  generator: { name: string; version: string };
  /** The repository root the report was computed in. */
  root: string;
  /** The NEPA run (per-entity pass rates, violations); null without a database or NEPA template. */
  nepa: NepaReport | null;
  checkpoint: ReportCheckpoint;
}

export interface BuildComplianceReportOptions {
  check: ComplianceCheckReport;
  nepa: NepaReport | null;
  checkpoint: StoredCheckpoint;
  root: string;
  generator: { name: string; version: string };
  generatedAt: Date;
}

/** Assembles the report from an evaluation, an optional NEPA run and a checkpoint. */
export function buildComplianceReport(options: BuildComplianceReportOptions): ComplianceReportData {
  return {
    kind: COMPLIANCE_REPORT_KIND,
    version: 1,
    generatedAt: options.generatedAt.toISOString(),
    generator: options.generator,
    root: options.root,
    ...options.check,
    nepa: options.nepa,
    checkpoint: reportCheckpoint(options.checkpoint),
  };
}

/** The checkpoint in report form: the root as hex, the origin from the note's first line. */
export function reportCheckpoint(checkpoint: StoredCheckpoint): ReportCheckpoint {
  return {
    origin: checkpoint.note.split('\n', 1)[0] ?? '',
    size: checkpoint.size,
    rootHash: Buffer.from(checkpoint.root).toString('hex'),
    keyId: checkpoint.keyId,
    createdAt: checkpoint.createdAt,
    note: checkpoint.note,
  };
}
