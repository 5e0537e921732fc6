import { fisherGreater } from './rates.js';
import { mean, medianOfSorted, quantileOfSorted, sorted, variance } from './sample-stats.js';
import { normalQuantile, studentTSf } from './special.js';

export interface QuantileInterval {
  estimate: number;
  /** Order-statistic bounds; infinite when the sample is too small to bound that side. */
  low: number;
  high: number;
}

/**
 * Distribution-free confidence interval of the q-quantile from order statistics: the number of
 * values below the true quantile is Binomial(n, q), so [X(l), X(u)] with l, u = nq -/+ z sqrt(nq(1-q)).
 */
export function quantileInterval(values: Float64Array, q: number, confidence: number): QuantileInterval {
  const n = values.length;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const spread = z * Math.sqrt(n * q * (1 - q));
  const l = Math.floor(n * q - spread);
  const u = Math.ceil(n * q + spread) + 1;
  return {
    estimate: quantileOfSorted(values, q),
    low: l >= 1 ? (values[l - 1] as number) : Number.NEGATIVE_INFINITY,
    high: u <= n ? (values[u - 1] as number) : Number.POSITIVE_INFINITY,
  };
}

export interface TailTestResult {
  /** One-sided p-value that the canary exceeds the pooled quantile more often than the baseline. */
  p: number;
  baseline: QuantileInterval;
  canary: QuantileInterval;
  /** canary quantile / baseline quantile - 1. */
  relativeChange: number;
}

/**
 * Quantile exceedance test (a generalised Mood median test): count values above the pooled
 * q-quantile on each side and test the 2x2 table with Fisher's exact test. For q < 0.5 the
 * lower tail is tested (values below the quantile), so q = 0.01 checks a p1 drop.
 */
export function tailTest(
  baseline: readonly number[],
  canary: readonly number[],
  q: number,
  confidence: number,
): TailTestResult {
  const b = sorted(baseline);
  const c = sorted(canary);
  const pooled = sorted([...b, ...c]);
  const threshold = quantileOfSorted(pooled, q);
  const upper = q >= 0.5;
  const beyond = (values: Float64Array) => {
    let count = 0;
    for (const v of values) if (upper ? v > threshold : v < threshold) count++;
    return count;
  };
  const p = fisherGreater({ events: beyond(c), trials: c.length }, { events: beyond(b), trials: b.length });
  const baseQ = quantileInterval(b, q, confidence);
  const canaryQ = quantileInterval(c, q, confidence);
  return {
    p,
    baseline: baseQ,
    canary: canaryQ,
    relativeChange: relativeTo(canaryQ.estimate, baseQ.estimate),
  };
}

export interface SpreadTestResult {
  /** One-sided p-value that the canary's spread is larger. */
  p: number;
  /** Mean absolute deviation from the median, canary over baseline, minus 1. */
  relativeChange: number;
  /** Canary's mean absolute deviation minus the baseline's, in the metric's units. */
  absoluteChange: number;
}

/**
 * Brown-Forsythe test for a larger spread: a one-sided pooled t-test on the absolute deviations
 * from each group's median (Levene's test with medians, robust to skew and heavy tails).
 */
export function spreadTest(baseline: readonly number[], canary: readonly number[]): SpreadTestResult {
  const deviations = (values: readonly number[]) => {
    const s = sorted(values);
    const m = medianOfSorted(s);
    return s.map((v) => Math.abs(v - m));
  };
  const db = deviations(baseline);
  const dc = deviations(canary);
  const nb = db.length;
  const nc = dc.length;
  const df = nb + nc - 2;
  const mb = mean(db);
  const mc = mean(dc);
  const pooled = ((nb - 1) * variance(db) + (nc - 1) * variance(dc)) / Math.max(1, df);
  const se = Math.sqrt(pooled * (1 / nb + 1 / nc));
  let p: number;
  if (df < 1) p = 1;
  else if (se > 0) p = studentTSf((mc - mb) / se, df);
  else p = mc > mb ? 0 : 1;
  return { p, relativeChange: relativeTo(mc, mb), absoluteChange: mc - mb };
}

/** canary / baseline - 1, with a zero baseline giving +/- infinity (or 0 when both are zero). */
export function relativeTo(canary: number, baseline: number): number {
  if (baseline === 0) return canary === 0 ? 0 : Math.sign(canary) * Number.POSITIVE_INFINITY;
  return (canary - baseline) / Math.abs(baseline);
}
