import { normalQuantile, normalSf } from './special.js';
import type { SpendingFunction } from './types.js';

/**
 * Cumulative alpha spent by information fraction t (Lan-DeMets): O'Brien-Fleming-type
 * 2 - 2 Phi(z_(1-alpha/2) / sqrt t) spends almost nothing early; Pocock-type alpha ln(1 + (e - 1) t)
 * spends evenly. Both reach alpha at t = 1.
 */
export function alphaSpent(alpha: number, t: number, spending: SpendingFunction = 'obrien-fleming'): number {
  if (t <= 0) return 0;
  if (t >= 1) return alpha;
  if (spending === 'pocock') return alpha * Math.log(1 + (Math.E - 1) * t);
  return 2 * normalSf(normalQuantile(1 - alpha / 2) / Math.sqrt(t));
}

/**
 * The p-value threshold of look `index` of `planned` equally spaced looks: the alpha spent since
 * the previous look. The thresholds add up to alpha, so by the union bound looking at every
 * interval keeps the overall false-alarm rate at or below alpha.
 */
export function lookThreshold(
  alpha: number,
  index: number,
  planned: number,
  spending: SpendingFunction = 'obrien-fleming',
): number {
  return alphaSpent(alpha, index / planned, spending) - alphaSpent(alpha, (index - 1) / planned, spending);
}
