import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/random.js';
import { evaluateTimeOrdered } from './evaluate.js';
import { sigmoid } from './logistic.js';
import { calibrationCurve } from './metrics.js';
import { gaussian, syntheticChanges } from './testing/synthetic.js';
import { fitPlatt, trainRiskModel } from './train.js';

describe('Platt scaling', () => {
  it('turns over-confident scores into probabilities that match observed rates', () => {
    const random = seededRandom(21);
    // The true log-odds are 0.5 * score - 1: the raw scores are twice too confident and biased.
    const scores = Array.from({ length: 20_000 }, () => 3 * gaussian(random));
    const labels = scores.map((s): 0 | 1 => (random() < sigmoid(0.5 * s - 1) ? 1 : 0));
    const platt = fitPlatt(scores, labels);
    if (platt.method !== 'platt') throw new Error('expected Platt parameters');
    expect(platt.slope).toBeCloseTo(0.5, 1);
    expect(platt.intercept).toBeCloseTo(-1, 1);

    const raw = calibrationCurve(scores.map(sigmoid), labels);
    const calibrated = calibrationCurve(
      scores.map((s) => sigmoid(platt.slope * s + platt.intercept)),
      labels,
    );
    expect(raw.error).toBeGreaterThan(0.1);
    expect(calibrated.error).toBeLessThan(0.02);
    for (const bin of calibrated.bins.filter((b) => b.n >= 500)) {
      expect(Math.abs(bin.predicted - bin.observed)).toBeLessThan(0.04);
    }
  });

  it('keeps a class-weighted model calibrated on changes it never saw', () => {
    // Class weights alone would push every probability towards 0.5; the held-out Platt fit undoes it.
    const samples = syntheticChanges(8_000, 13);
    const uncalibrated = evaluateTimeOrdered(samples, (train) =>
      trainRiskModel(train, { calibration: 'none' }),
    );
    const calibrated = evaluateTimeOrdered(samples, (train) => trainRiskModel(train));
    expect(uncalibrated.calibration.error).toBeGreaterThan(0.1);
    expect(calibrated.calibration.error).toBeLessThan(0.03);
    expect(calibrated.brier).toBeLessThan(uncalibrated.brier);
  });
});
