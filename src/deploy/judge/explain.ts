import type { CheckResult, Look, MetricStatus } from './types.js';

/** "+12.3%", "-0.4%", "+inf%". */
export function signedPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return ratio > 0 ? '+inf%' : '-inf%';
  return `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;
}

/** A value with three significant digits and an explicit sign. */
export function signed(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+inf' : '-inf';
  return `${value >= 0 ? '+' : ''}${plain(value)}`;
}

/** Three significant digits, no exponent for everyday magnitudes. */
export function plain(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude >= 1000 || magnitude < 0.001) return value.toPrecision(3).replace('e+', 'e');
  return Number(value.toPrecision(3)).toString();
}

/** p-values: four decimals, or two significant digits below 0.0001. */
export function formatP(p: number): string {
  if (p === 0) return '0';
  if (p < 0.0001) return p.toExponential(1);
  return p.toFixed(4);
}

/** "p=0.0004 < 0.0021" or "p=0.31 >= 0.05". */
export function pVersus(check: Pick<CheckResult, 'p' | 'threshold'>): string {
  return `p=${formatP(check.p)} ${check.p < check.threshold ? '<' : '>='} ${formatP(check.threshold)}`;
}

/** " (look 3/10)", or nothing for a single look. */
export function lookText(look: Look): string {
  return look.planned > 1 ? ` (look ${look.index}/${look.planned})` : '';
}

/** The end of an explanation line: "→ FAIL (tail, critical)", "→ INCONCLUSIVE, need 40 more samples per side". */
export function outcome(
  status: MetricStatus,
  checks: readonly CheckResult[],
  critical: boolean,
  needMore: number | undefined,
  unit: string,
): string {
  if (status === 'fail') {
    const reasons: string[] = checks.filter((c) => c.failed).map((c) => c.check);
    if (critical) reasons.push('critical');
    return `→ FAIL (${reasons.join(', ')})`;
  }
  if (status === 'inconclusive') return `→ INCONCLUSIVE, need ${needMore ?? '?'} more ${unit} per side`;
  return '→ PASS';
}
