/** The result of a NEPA validation run: per rule, per entity, and every violation found. */
import type { NepaEntity } from './entities.js';
import type { RuleFamily, Severity } from './rules/rule.js';

export interface NepaViolation {
  rule: string;
  citation: string;
  severity: Severity;
  entity: NepaEntity;
  table: string;
  /** The row's id; null for schema findings. */
  rowId: string | null;
  /** `other->>'seed_key'` when the row has one. */
  seedKey: string | null;
  detail: string;
}

export type RuleStatus = 'pass' | 'fail' | 'not-assessed' | 'disabled' | 'error';

export interface RuleOutcome {
  id: string;
  family: RuleFamily;
  citation: string;
  severity: Severity;
  description: string;
  status: RuleStatus;
  /** All violations found (the report lists at most `maxViolationsPerRule` of them). */
  violations: number;
  /** Why the rule was not assessed or failed to run. */
  reason?: string;
}

export interface EntitySummary {
  entity: NepaEntity;
  table: string;
  /** Rows in the table; null when the table is missing or could not be counted. */
  rows: number | null;
  /** Rows with at least one data-rule violation. */
  violatingRows: number;
  /** (rows - violatingRows) / rows; null without rows. */
  passRate: number | null;
}

export interface NepaReport {
  database: string;
  /** True when no rule found a violation or failed to run. */
  conformant: boolean;
  totals: {
    rules: number;
    passed: number;
    failed: number;
    notAssessed: number;
    disabled: number;
    errors: number;
    violations: number;
  };
  entities: EntitySummary[];
  rules: RuleOutcome[];
  violations: NepaViolation[];
}

/** Totals and the conformance verdict over rule outcomes. */
export function summarise(rules: readonly RuleOutcome[]): NepaReport['totals'] & { conformant: boolean } {
  const count = (status: RuleOutcome['status']) => rules.filter((rule) => rule.status === status).length;
  const violations = rules.reduce((sum, rule) => sum + rule.violations, 0);
  const errors = count('error');
  return {
    rules: rules.length,
    passed: count('pass'),
    failed: count('fail'),
    notAssessed: count('not-assessed'),
    disabled: count('disabled'),
    errors,
    violations,
    conformant: violations === 0 && errors === 0,
  };
}
