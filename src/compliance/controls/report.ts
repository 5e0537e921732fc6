/** The result of `cara compliance check`: per template, per control, per rule, with evidence. */
import type { CheckStatus, Evidence } from '../checks/index.js';

export interface RuleReport {
  check: string;
  status: CheckStatus;
  reason: string;
  evidence: Evidence;
  /** The rule's line in the template. */
  line: number | undefined;
}

export interface ControlReport {
  id: string;
  title: string;
  /** Where the title came from: the baseline document, the template, or nowhere. */
  titleSource: 'baseline' | 'template' | 'unknown';
  /** Whether the baseline includes the control; null without a baseline. */
  inBaseline: boolean | null;
  status: CheckStatus;
  reason: string;
  rules: RuleReport[];
}

export interface Totals {
  controls: number;
  passed: number;
  failed: number;
  notAssessed: number;
}

export interface TemplateReport {
  name: string;
  file: string;
  title: string;
  kind: 'controls' | 'nepa';
  baseline: { file: string; found: boolean; title: string | null; reason: string | null } | null;
  controls: ControlReport[];
  totals: Totals;
}

export interface ComplianceCheckReport {
  /** False when any control failed. */
  ok: boolean;
  checkedAt: string;
  totals: Totals & { templates: number };
  templates: TemplateReport[];
  /** What the run could not do, in words (a missing baseline, no database). */
  notes: string[];
}

/** A control's status from its rules: any fail fails it; else any not-assessed leaves it not assessed. */
export function combine(rules: readonly { status: CheckStatus; reason: string }[]): {
  status: CheckStatus;
  reason: string;
} {
  for (const status of ['fail', 'not-assessed'] as const) {
    const matching = rules.filter((rule) => rule.status === status);
    if (matching.length > 0) return { status, reason: matching.map((rule) => rule.reason).join('; ') };
  }
  return { status: 'pass', reason: rules.map((rule) => rule.reason).join('; ') };
}

export function totalsOf(controls: readonly { status: CheckStatus }[]): Totals {
  const count = (status: CheckStatus) => controls.filter((c) => c.status === status).length;
  return {
    controls: controls.length,
    passed: count('pass'),
    failed: count('fail'),
    notAssessed: count('not-assessed'),
  };
}
