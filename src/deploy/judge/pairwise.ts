/**
 * Order statistics of the m*n pairwise differences y_j - x_i without building them: bisection on
 * the value (interpolating on the counts) with an O(m + n) count, until a value splits the differences exactly at the rank
 * (then the neighbours are the largest difference at or below it and the smallest above) or the
 * bracket holds few enough differences to sort. Differences are monotone in both indices even in
 * floating point, so the two-pointer counts are exact.
 */

/** How many differences y_j - x_i are <= v (x and y sorted ascending). */
function countAtMost(x: Float64Array, y: Float64Array, v: number): number {
  let count = 0;
  let j = 0;
  // x_i ascending makes y_j - x_i smaller, so the number of j that qualify never decreases.
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    while (j < y.length && (y[j] as number) - xi <= v) j++;
    count += j;
  }
  return count;
}

/** The largest difference <= v and the smallest one > v (-inf / +inf when there is none). */
function around(x: Float64Array, y: Float64Array, v: number): [number, number] {
  let below = Number.NEGATIVE_INFINITY;
  let above = Number.POSITIVE_INFINITY;
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    while (j < y.length && (y[j] as number) - xi <= v) j++;
    if (j > 0) below = Math.max(below, (y[j - 1] as number) - xi);
    if (j < y.length) above = Math.min(above, (y[j] as number) - xi);
  }
  return [below, above];
}

/** The differences in (low, high], sorted. */
function differencesBetween(x: Float64Array, y: Float64Array, low: number, high: number): Float64Array {
  const out: number[] = [];
  let start = 0;
  let end = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    while (start < y.length && (y[start] as number) - xi <= low) start++;
    while (end < y.length && (y[end] as number) - xi <= high) end++;
    for (let j = start; j < end; j++) out.push((y[j] as number) - xi);
  }
  return Float64Array.from(out).sort();
}

/**
 * The k-th and (k+1)-th smallest (1-based) of the differences y_j - x_i, x and y sorted ascending;
 * the second is +inf when k is the last rank.
 */
export function differencePair(x: Float64Array, y: Float64Array, k: number): [number, number] {
  const m = x.length;
  const n = y.length;
  const total = m * n;
  const rank = Math.min(total, Math.max(1, Math.round(k)));
  const pick = (sortedValues: Float64Array, offset: number): [number, number] => [
    sortedValues[rank - offset - 1] as number,
    sortedValues[rank - offset] ?? Number.POSITIVE_INFINITY,
  ];
  if (total <= 4096)
    return pick(differencesBetween(x, y, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY), 0);
  const min = (y[0] as number) - (x[m - 1] as number);
  // Invariant: count(low) < rank <= count(high).
  let low = min - 1 - Math.abs(min);
  let high = (y[n - 1] as number) - (x[0] as number);
  let countLow = 0;
  let countHigh = total;
  const enough = Math.max(256, m + n);
  for (let step = 0; countHigh - countLow > enough; step++) {
    // Interpolate on the counts (fast on smooth data), with a plain halving every third step.
    const share = step % 3 === 2 ? 0.5 : (rank - countLow) / (countHigh - countLow);
    const mid = low + (high - low) * Math.min(0.98, Math.max(0.02, share));
    if (mid <= low || mid >= high) {
      // The bracket is one float wide: every difference in it equals `high`.
      return [high, countHigh > rank ? high : around(x, y, high)[1]];
    }
    const count = countAtMost(x, y, mid);
    if (count === rank) return around(x, y, mid);
    if (count > rank) {
      high = mid;
      countHigh = count;
    } else {
      low = mid;
      countLow = count;
    }
  }
  const [kth, next] = pick(differencesBetween(x, y, low, high), countLow);
  return [kth, Number.isFinite(next) || rank === total ? next : around(x, y, high)[1]];
}

/** The k-th smallest (1-based) of the differences y_j - x_i, x and y sorted ascending. */
export function kthDifference(x: Float64Array, y: Float64Array, k: number): number {
  return differencePair(x, y, k)[0];
}

/** The median of the pairwise differences y_j - x_i (x and y sorted ascending). */
export function medianDifference(x: Float64Array, y: Float64Array): number {
  const total = x.length * y.length;
  if (total % 2 === 1) return kthDifference(x, y, (total + 1) / 2);
  const [lower, upper] = differencePair(x, y, total / 2);
  return (lower + upper) / 2;
}
