import type { BandPrecision, CalibrationBin } from './types.js';

/**
 * Area under the ROC curve, exactly: the Mann-Whitney probability that a random positive scores
 * above a random negative, ties counting one half (mid-ranks). NaN when either class is absent.
 */
export function auc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  if (scores.length !== labels.length) {
    throw new RangeError(
      `auc needs one label per score, got ${scores.length} scores and ${labels.length} labels`,
    );
  }
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    const value = scores[order[start] ?? 0];
    while (end < order.length && scores[order[end] ?? 0] === value) end++;
    const midRank = (start + 1 + end) / 2; // ranks start..end-1 are 1-based start+1..end
    for (let k = start; k < end; k++) {
      if (labels[order[k] ?? 0] === 1) {
        positives++;
        rankSum += midRank;
      }
    }
    start = end;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared error of probabilities against 0/1 outcomes. */
export function brierScore(probabilities: readonly number[], labels: readonly (0 | 1)[]): number {
  let sum = 0;
  probabilities.forEach((p, i) => {
    sum += (p - (labels[i] ?? 0)) ** 2;
  });
  return sum / probabilities.length;
}

/** Mean negative log-likelihood, probabilities clamped to [1e-15, 1 - 1e-15]. */
export function logLoss(probabilities: readonly number[], labels: readonly (0 | 1)[]): number {
  let sum = 0;
  probabilities.forEach((p, i) => {
    const q = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
    sum -= labels[i] === 1 ? Math.log(q) : Math.log(1 - q);
  });
  return sum / probabilities.length;
}

/**
 * Reliability diagram: `binCount` equal-width probability bins (empty ones left out), each with its
 * mean prediction and observed bug rate, and the expected calibration error over them.
 */
export function calibrationCurve(
  probabilities: readonly number[],
  labels: readonly (0 | 1)[],
  binCount = 10,
): { bins: CalibrationBin[]; error: number } {
  const sums = Array.from({ length: binCount }, () => ({ predicted: 0, observed: 0, n: 0 }));
  probabilities.forEach((p, i) => {
    const bin = sums[Math.min(binCount - 1, Math.max(0, Math.floor(p * binCount)))];
    if (!bin) return;
    bin.predicted += p;
    bin.observed += labels[i] ?? 0;
    bin.n++;
  });
  const bins = sums
    .filter((b) => b.n > 0)
    .map((b) => ({ predicted: b.predicted / b.n, observed: b.observed / b.n, n: b.n }));
  const total = probabilities.length;
  const error = bins.reduce((sum, b) => sum + (b.n / total) * Math.abs(b.predicted - b.observed), 0);
  return { bins, error };
}

/** Precision and recall of flagging every change at or above each band's lower probability. */
export function precisionAtBands(
  probabilities: readonly number[],
  labels: readonly (0 | 1)[],
  bands: readonly { band: string; min: number }[],
): BandPrecision[] {
  const positives = labels.reduce<number>((sum, y) => sum + y, 0);
  return bands.map(({ band, min }) => {
    let flagged = 0;
    let hits = 0;
    probabilities.forEach((p, i) => {
      if (p < min) return;
      flagged++;
      hits += labels[i] ?? 0;
    });
    return {
      band,
      min,
      share: flagged / probabilities.length,
      precision: flagged === 0 ? Number.NaN : hits / flagged,
      recall: positives === 0 ? Number.NaN : hits / positives,
    };
  });
}
