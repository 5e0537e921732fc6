/** Small descriptive helpers over samples: sorting, medians, quantiles, ranks with ties. */

/** A sorted copy (numeric order). */
export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** The median of already sorted values (mean of the two middle ones for an even count). */
export function medianOfSorted(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  const upper = values[mid] ?? Number.NaN;
  return n % 2 === 1 ? upper : ((values[mid - 1] ?? Number.NaN) + upper) / 2;
}

/** The median of any values. */
export function median(values: ArrayLike<number>): number {
  return medianOfSorted(sorted(values));
}

/** Linear-interpolation quantile (numpy's default, type 7) of sorted values. */
export function quantileOfSorted(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const low = values[below] ?? Number.NaN;
  const high = values[Math.min(n - 1, below + 1)] ?? low;
  return low + (high - low) * (position - below);
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return sum / values.length;
}

/** Sample variance (n - 1 in the denominator). */
export function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += ((values[i] ?? 0) - m) ** 2;
  return values.length > 1 ? sum / (values.length - 1) : 0;
}

export interface RankSums {
  /** Sum of the (mid-)ranks of the first sample in the pooled sample. */
  rankSumX: number;
  /** Sum over tie groups of t^3 - t. */
  tieTerm: number;
  hasTies: boolean;
}

/**
 * Ranks the pooled sample (ties get their average rank) and returns what rank tests need.
 * Sorts each sample on its own and merges them: typed-array sorts, no comparator.
 */
export function rankSums(x: ArrayLike<number>, y: ArrayLike<number>): RankSums {
  const xs = sorted(x);
  const ys = sorted(y);
  let i = 0;
  let j = 0;
  let rank = 0;
  let rankSumX = 0;
  let tieTerm = 0;
  while (i < xs.length || j < ys.length) {
    const value = Math.min(
      i < xs.length ? (xs[i] as number) : Infinity,
      j < ys.length ? (ys[j] as number) : Infinity,
    );
    let inX = 0;
    let inY = 0;
    while (i < xs.length && xs[i] === value) {
      i++;
      inX++;
    }
    while (j < ys.length && ys[j] === value) {
      j++;
      inY++;
    }
    const t = inX + inY;
    rankSumX += inX * (rank + (t + 1) / 2);
    tieTerm += t * t * t - t;
    rank += t;
  }
  return { rankSumX, tieTerm, hasTies: tieTerm > 0 };
}
