import { normalQuantile } from './special.js';

/** Asymptotic relative efficiency of the rank test against the t-test under normality (3/pi). */
const RANK_EFFICIENCY = 3 / Math.PI;

/**
 * Samples per side the one-sided rank test needs to detect a shift `delta` with the given power:
 * n = (z_(1-alpha) + z_power)^2 * 2 sigma^2 / delta^2, divided by the rank test's efficiency 3/pi.
 * `sigma` is a robust scale of the baseline (IQR / 1.349), so heavy tails do not inflate it.
 */
export function samplesForShift(sigma: number, delta: number, alpha: number, power: number): number {
  if (!(delta > 0)) return Number.POSITIVE_INFINITY;
  if (!(sigma > 0)) return 2;
  const z = normalQuantile(1 - alpha) + normalQuantile(power);
  return Math.max(2, Math.ceil((z * z * 2 * sigma * sigma) / (delta * delta) / RANK_EFFICIENCY));
}

/**
 * Trials per side to detect a rate rising from p1 to p2 with a one-sided test (normal approximation
 * of the two-proportion test): n = (z_a sqrt(2 pbar (1 - pbar)) + z_b sqrt(p1 q1 + p2 q2))^2 / (p2 - p1)^2.
 */
export function trialsForRates(p1: number, p2: number, alpha: number, power: number): number {
  const delta = Math.abs(p2 - p1);
  if (!(delta > 0)) return Number.POSITIVE_INFINITY;
  const pbar = (p1 + p2) / 2;
  const za = normalQuantile(1 - alpha);
  const zb = normalQuantile(power);
  const root = za * Math.sqrt(2 * pbar * (1 - pbar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((root * root) / (delta * delta));
}
