/** Pure aggregation: attack success rates by category, by strategy and overall; finding ranking. */
import type { CaseResult, RateRow } from './report-types.js';
import type { Finding, FindingSeverity, OwaspId } from './types.js';

const SEVERITY_ORDER: Record<FindingSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** One rate row over a group of case results. */
export function rateRow(
  name: string,
  results: readonly CaseResult[],
  owasp: OwaspId[] = [],
  atlas: string[] = [],
): RateRow {
  const errors = results.filter((r) => r.outcome === 'error').length;
  const attempted = results.length - errors;
  const succeeded = results.filter((r) => r.outcome === 'succeeded').length;
  return {
    name,
    owasp,
    atlas,
    cases: results.length,
    attempted,
    succeeded,
    errors,
    rate: attempted === 0 ? 0 : succeeded / attempted,
  };
}

/** Rows grouped by a key, in first-seen order. */
export function groupRates(
  results: readonly CaseResult[],
  key: (r: CaseResult) => string,
  taxonomy: (name: string) => { owasp: OwaspId[]; atlas: string[] } = () => ({ owasp: [], atlas: [] }),
): RateRow[] {
  const groups = new Map<string, CaseResult[]>();
  for (const result of results) {
    const name = key(result);
    groups.set(name, [...(groups.get(name) ?? []), result]);
  }
  return [...groups].map(([name, group]) => {
    const { owasp, atlas } = taxonomy(name);
    return rateRow(name, group, owasp, atlas);
  });
}

/** Findings most severe first, then by case id, so reports read top-down. */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.caseId.localeCompare(b.caseId),
  );
}
