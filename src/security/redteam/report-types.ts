/** The shape of a red-team report: stable, saved as JSON, compared across runs. */
import type { Finding, OwaspId } from './types.js';

export type CaseOutcome = 'succeeded' | 'failed' | 'refused' | 'rejected' | 'error';

export interface CaseResult {
  id: string;
  plugin: string;
  category: string;
  strategy?: string;
  description: string;
  outcome: CaseOutcome;
  error?: string;
  /** Detector ids that fired decisively. */
  detectors: string[];
  latencyMs: number;
  notes: string[];
}

export interface RateRow {
  /** The category or strategy id. */
  name: string;
  owasp: OwaspId[];
  atlas: string[];
  cases: number;
  /** Cases that got an answer (errors excluded). */
  attempted: number;
  succeeded: number;
  errors: number;
  /** succeeded / attempted (0 when nothing was attempted). */
  rate: number;
}

export interface RedTeamReport {
  version: 1;
  target: { kind: string; label: string };
  seed: number;
  plugins: string[];
  strategies: string[];
  startedAt: string;
  durationMs: number;
  baselineLatencyMs?: number;
  totals: RateRow & { refused: number; rejected: number; findings: number; attacksPerSecond: number };
  categories: RateRow[];
  /** Rates by strategy (`none` for the base cases). */
  byStrategy: RateRow[];
  /** Findings ranked by severity. */
  findings: Finding[];
  cases: CaseResult[];
}
