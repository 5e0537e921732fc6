import { CaraError } from '../../core/errors.js';
import { uDistribution } from './mann-whitney.js';
import { kthDifference, medianDifference } from './pairwise.js';
import { rankSums, sorted } from './sample-stats.js';
import { normalQuantile } from './special.js';

export interface HodgesLehmannResult {
  /** Median of the pairwise differences y_j - x_i: the location shift of y over x. */
  shift: number;
  /** Lower end of the confidence interval for the shift. */
  low: number;
  /** Upper end of the confidence interval for the shift. */
  high: number;
  /** The coverage asked for. */
  confidence: number;
}

/**
 * The Hodges-Lehmann shift estimate of y over x (canary minus baseline) and its distribution-free
 * confidence interval [D(k), D(mn + 1 - k)] over the sorted pairwise differences D, where
 * k - 1 is the largest u with P(U <= u) <= (1 - confidence) / 2 under the null distribution of U
 * (exact without ties for small samples, normal with tie correction otherwise).
 */
export function hodgesLehmann(
  x: readonly number[],
  y: readonly number[],
  confidence = 0.95,
): HodgesLehmannResult {
  if (x.length === 0 || y.length === 0)
    throw new CaraError('DATA_INVALID', 'hodgesLehmann needs two non-empty samples');
  if (!(confidence > 0 && confidence < 1))
    throw new CaraError('USAGE', `confidence must be between 0 and 1, got ${confidence}`);
  const xs = sorted(x);
  const ys = sorted(y);
  const k = intervalRank(x, y, (1 - confidence) / 2);
  const total = x.length * y.length;
  return {
    shift: medianDifference(xs, ys),
    low: k >= 1 ? kthDifference(xs, ys, k) : Number.NEGATIVE_INFINITY,
    high: k >= 1 ? kthDifference(xs, ys, total + 1 - k) : Number.POSITIVE_INFINITY,
    confidence,
  };
}

/** The rank k of the lower confidence bound; 0 when even the extremes do not give the coverage. */
function intervalRank(x: readonly number[], y: readonly number[], tail: number): number {
  const m = x.length;
  const n = y.length;
  const ranks = rankSums(x, y);
  if (Math.min(m, n) <= 8 && !ranks.hasTies && m * n <= 20_000) {
    const probabilities = uDistribution(m, n);
    let cumulative = 0;
    let u = -1;
    while (u + 1 < probabilities.length && cumulative + (probabilities[u + 1] ?? 0) <= tail + 1e-12) {
      u++;
      cumulative += probabilities[u] ?? 0;
    }
    return u + 1;
  }
  const total = m + n;
  const sd = Math.sqrt(((m * n) / 12) * (total + 1 - ranks.tieTerm / (total * (total - 1))));
  const u = Math.floor((m * n) / 2 - 0.5 + normalQuantile(tail) * sd);
  return Math.max(0, Math.min(Math.floor((m * n) / 2), u + 1));
}
