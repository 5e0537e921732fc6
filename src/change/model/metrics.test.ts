import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/random.js';
import { auc, brierScore, calibrationCurve, logLoss, precisionAtBands } from './metrics.js';

/** Every positive-negative pair, ties counting one half: the definition AUC must match. */
function pairwiseAuc(scores: number[], labels: (0 | 1)[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((q, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      wins += p > q ? 1 : p === q ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('auc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // pairs (pos, neg): (0.4, 0.1) 1, (0.4, 0.4) 0.5, (0.8, 0.1) 1, (0.8, 0.4) 1 -> 3.5 / 4
    expect(auc([0.1, 0.4, 0.4, 0.8], [0, 1, 0, 1])).toBe(0.875);
    expect(auc([0.5, 0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1, 1])).toBe(0.5);
  });

  it('matches the pairwise definition on tied random scores, in any input order', () => {
    const random = seededRandom(3);
    const scores = Array.from({ length: 300 }, () => Math.floor(random() * 20) / 20);
    const labels = scores.map((s): 0 | 1 => (random() < 0.2 + 0.6 * s ? 1 : 0));
    expect(auc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
  });

  it('is NaN when a class is missing and rejects mismatched lengths', () => {
    expect(auc([0.2, 0.3], [1, 1])).toBeNaN();
    expect(() => auc([0.2], [1, 0])).toThrow(/one label per score/);
  });
});

describe('probability scores', () => {
  it('computes Brier score and log-loss by hand', () => {
    expect(brierScore([0.9, 0.2], [1, 0])).toBeCloseTo((0.01 + 0.04) / 2, 12);
    expect(logLoss([0.9, 0.2], [1, 0])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 12);
  });

  it('bins predictions and weighs the calibration error by bin size', () => {
    const { bins, error } = calibrationCurve([0.05, 0.05, 0.95, 0.95], [0, 1, 1, 1]);
    expect(bins).toEqual([
      { predicted: 0.05, observed: 0.5, n: 2 },
      { predicted: 0.95, observed: 1, n: 2 },
    ]);
    expect(error).toBeCloseTo(0.5 * 0.45 + 0.5 * 0.05, 12);
  });

  it('reports precision and recall at and above each band threshold', () => {
    const [high] = precisionAtBands([0.9, 0.7, 0.2, 0.1], [1, 0, 1, 0], [{ band: 'high', min: 0.5 }]);
    expect(high).toEqual({ band: 'high', min: 0.5, share: 0.5, precision: 0.5, recall: 0.5 });
  });
});
