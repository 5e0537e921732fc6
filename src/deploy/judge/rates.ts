import { logChoose, normalQuantile } from './special.js';
import type { RateCounts } from './types.js';

/**
 * One-sided Fisher exact test on the 2x2 table (events, non-events) x (canary, baseline):
 * P(A >= a) where A, the canary's events, is hypergeometric given the total events and trials.
 * Exact at any count, zero baseline included: 0/2000 vs 5/200 gives (200/2200)^5-ish ~ 6e-6.
 */
export function fisherGreater(canary: RateCounts, baseline: RateCounts): number {
  const a = canary.events;
  const events = canary.events + baseline.events;
  const trials = canary.trials + baseline.trials;
  const draws = canary.trials;
  const top = Math.min(events, draws);
  const bottom = Math.max(0, draws - (trials - events));
  if (a <= bottom) return 1;
  if (a > top) return 0;
  const logDenominator = logChoose(trials, draws);
  let term = Math.exp(logChoose(events, a) + logChoose(trials - events, draws - a) - logDenominator);
  let sum = 0;
  for (let i = a; i <= top; i++) {
    sum += term;
    // Ratio of consecutive hypergeometric probabilities.
    term *= ((events - i) * (draws - i)) / ((i + 1) * (trials - events - draws + i + 1));
    if (term < sum * 1e-17) break;
  }
  return Math.min(1, sum);
}

/** The p-value for a rate regression in the given direction ('either': the smaller side, doubled). */
export function rateTest(
  canary: RateCounts,
  baseline: RateCounts,
  direction: 'increase' | 'decrease' | 'either',
): number {
  const up = () => fisherGreater(canary, baseline);
  const down = () => fisherGreater(complement(canary), complement(baseline));
  if (direction === 'increase') return up();
  if (direction === 'decrease') return down();
  return Math.min(1, 2 * Math.min(up(), down()));
}

function complement(counts: RateCounts): RateCounts {
  return { events: counts.trials - counts.events, trials: counts.trials };
}

/** Wilson score interval of one proportion at the given two-sided confidence. */
export function wilsonInterval(counts: RateCounts, confidence: number): { low: number; high: number } {
  const n = counts.trials;
  const p = counts.events / n;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (method 10) for the difference of rates canary - baseline:
 * well behaved at zero events, where the Wald interval collapses.
 */
export function rateDifferenceInterval(
  canary: RateCounts,
  baseline: RateCounts,
  confidence: number,
): { low: number; high: number } {
  const p1 = canary.events / canary.trials;
  const p2 = baseline.events / baseline.trials;
  const a = wilsonInterval(canary, confidence);
  const b = wilsonInterval(baseline, confidence);
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}
