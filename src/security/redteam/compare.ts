/** Compares two saved runs: which attacks regressed (failed before, succeed now) and which were fixed. */
import type { CaseResult, RedTeamReport } from './report-types.js';

export interface CategoryDelta {
  category: string;
  before: number;
  after: number;
}

export interface RedTeamComparison {
  /** Attacks that failed (or were refused/rejected) in A and succeed in B. */
  regressions: CaseResult[];
  /** Attacks that succeeded in A and no longer do in B. */
  fixed: CaseResult[];
  categories: CategoryDelta[];
  overall: { before: number; after: number };
  /** Cases present in only one run (different seed, plugins or strategies). */
  unmatched: number;
  warnings: string[];
}

/** Matches cases by their seed-stable id and reports what changed from `a` to `b`. */
export function compareReports(a: RedTeamReport, b: RedTeamReport): RedTeamComparison {
  const warnings: string[] = [];
  if (a.seed !== b.seed)
    warnings.push(`the runs used different seeds (${a.seed}, ${b.seed}); only matching case ids compare`);
  const before = new Map(a.cases.map((c) => [c.id, c]));
  const regressions: CaseResult[] = [];
  const fixed: CaseResult[] = [];
  let matched = 0;
  for (const now of b.cases) {
    const then = before.get(now.id);
    if (!then) continue;
    matched++;
    if (then.outcome === 'error' || now.outcome === 'error') continue;
    if (then.outcome !== 'succeeded' && now.outcome === 'succeeded') regressions.push(now);
    if (then.outcome === 'succeeded' && now.outcome !== 'succeeded') fixed.push(now);
  }
  const rateOf = (report: RedTeamReport, category: string) =>
    report.categories.find((c) => c.name === category)?.rate ?? 0;
  const names = [...new Set([...a.categories, ...b.categories].map((c) => c.name))];
  return {
    regressions,
    fixed,
    categories: names.map((category) => ({
      category,
      before: rateOf(a, category),
      after: rateOf(b, category),
    })),
    overall: { before: a.totals.rate, after: b.totals.rate },
    unmatched: a.cases.length + b.cases.length - 2 * matched,
    warnings,
  };
}
