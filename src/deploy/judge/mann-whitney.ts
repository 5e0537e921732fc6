import { CaraError } from '../../core/errors.js';
import { rankSums } from './sample-stats.js';
import { normalSf } from './special.js';

/** Which way the alternative hypothesis points, for `x` against `y` (scipy's convention). */
export type Alternative = 'two-sided' | 'less' | 'greater';

export interface MannWhitneyOptions {
  /** Default 'two-sided'; 'greater' means x tends to be larger than y. */
  alternative?: Alternative;
  /** 'auto' (default) is exact when one sample has at most 8 values and there are no ties. */
  method?: 'auto' | 'exact' | 'asymptotic';
  /** Continuity correction of the normal approximation; default true. */
  continuity?: boolean;
}

export interface MannWhitneyResult {
  /** The U statistic of x: the number of pairs (x_i, y_j) with x_i > y_j, ties counting one half. */
  u: number;
  p: number;
  method: 'exact' | 'asymptotic';
}

/** Largest C(m + n, m) the exact distribution handles before its counts lose precision. */
const EXACT_LIMIT = 1e290;

/**
 * The Mann-Whitney U test, matching `scipy.stats.mannwhitneyu` for every method and alternative.
 * Exact p-values come from the null distribution of U; the asymptotic ones use the tie-corrected
 * variance and an optional continuity correction.
 */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  const { alternative = 'two-sided', method = 'auto', continuity = true } = options;
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new CaraError('DATA_INVALID', 'mannWhitneyU needs two non-empty samples');
  const ranks = rankSums(x, y);
  const u1 = ranks.rankSumX - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const [u, factor] =
    alternative === 'greater' ? [u1, 1] : alternative === 'less' ? [u2, 1] : [Math.max(u1, u2), 2];
  const chosen =
    method === 'auto' ? (Math.min(n1, n2) <= 8 && !ranks.hasTies ? 'exact' : 'asymptotic') : method;
  let p: number;
  if (chosen === 'exact') {
    if (ranks.hasTies) throw new CaraError('USAGE', 'the exact Mann-Whitney test needs samples without ties');
    p = uUpperTail(Math.round(u), n1, n2);
  } else {
    const n = n1 + n2;
    const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ranks.tieTerm / (n * (n - 1))));
    const numerator = u - (n1 * n2) / 2 - (continuity ? 0.5 : 0);
    p = sd > 0 ? normalSf(numerator / sd) : 1;
  }
  return { u: u1, p: Math.min(1, Math.max(0, p * factor)), method: chosen };
}

/**
 * The null distribution of U for samples of m and n values without ties, as probabilities
 * P(U = u), u = 0..mn. Built from the Gaussian binomial [m+n choose m]_q by Pascal's rule,
 * additions only, so no cancellation.
 */
export function uDistribution(m: number, n: number): Float64Array {
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  if (Math.exp(logChooseApprox(small + large, small)) > EXACT_LIMIT)
    throw new CaraError(
      'USAGE',
      `the exact U distribution for ${m} x ${n} samples is too large; use 'asymptotic'`,
    );
  const size = small * large + 1;
  // polys[k] holds the coefficients of [N choose k]_q while N grows from 0 to m + n.
  const polys: Float64Array[] = Array.from({ length: small + 1 }, () => new Float64Array(size));
  (polys[0] as Float64Array)[0] = 1;
  for (let total = 1; total <= small + large; total++) {
    for (let k = Math.min(small, total); k >= 1; k--) {
      const target = polys[k] as Float64Array;
      const source = polys[k - 1] as Float64Array;
      const shift = total - k;
      const degree = Math.min(size - 1, (k - 1) * (total - k));
      for (let u = degree; u >= 0; u--) {
        const value = source[u] ?? 0;
        if (value !== 0 && u + shift < size) target[u + shift] = (target[u + shift] ?? 0) + value;
      }
    }
  }
  const counts = polys[small] as Float64Array;
  let sum = 0;
  for (const c of counts) sum += c;
  return counts.map((c) => c / sum);
}

/** P(U >= u) under the null hypothesis, summing the smaller tail for accuracy. */
export function uUpperTail(u: number, m: number, n: number): number {
  const probabilities = uDistribution(m, n);
  const last = probabilities.length - 1;
  if (u <= 0) return 1;
  if (u > last) return 0;
  let tail = 0;
  if (u > last / 2) {
    for (let k = u; k <= last; k++) tail += probabilities[k] ?? 0;
    return tail;
  }
  for (let k = 0; k < u; k++) tail += probabilities[k] ?? 0;
  return 1 - tail;
}

function logChooseApprox(n: number, k: number): number {
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += Math.log((n - k + i) / i);
  return sum;
}
