import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/random.js';
import { fitLogistic, sigmoid } from './logistic.js';
import { gaussian } from './testing/synthetic.js';

function synthetic(n: number, coef: number[], intercept: number, seed: number) {
  const random = seededRandom(seed);
  const d = coef.length;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = intercept;
    for (let j = 0; j < d; j++) {
      const v = gaussian(random);
      x[i * d + j] = v;
      z += (coef[j] ?? 0) * v;
    }
    y[i] = random() < sigmoid(z) ? 1 : 0;
  }
  return { x, y, d };
}

describe('fitLogistic', () => {
  it('recovers known coefficients from data drawn from them', () => {
    const truth = [1.5, -2, 0.5, 0];
    const { x, y, d } = synthetic(40_000, truth, -1, 11);
    const fit = fitLogistic(x, 40_000, d, y, { l2: 0 });
    expect(fit.intercept).toBeCloseTo(-1, 1);
    truth.forEach((c, j) => {
      expect(Math.abs((fit.coef[j] ?? Number.NaN) - c)).toBeLessThan(0.06);
    });
    expect(fit.iterations).toBeLessThan(20);
  });

  it('shrinks coefficients towards zero as the L2 penalty grows', () => {
    const { x, y, d } = synthetic(5_000, [1, -1], 0, 5);
    const norm = (l2: number) => {
      const { coef } = fitLogistic(x, 5_000, d, y, { l2 });
      return Math.hypot(...coef);
    };
    expect(norm(1)).toBeLessThan(norm(0.01));
    expect(norm(0.01)).toBeLessThan(norm(0) + 1e-9);
  });

  it('treats a weight of 2 like a duplicated row', () => {
    const x = Float64Array.from([0, 1, 2, 3, 1]);
    const y = Float64Array.from([0, 0, 1, 1, 1]);
    const weighted = fitLogistic(x, 5, 1, y, { l2: 0.1, weights: Float64Array.from([1, 2, 1, 1, 1]) });
    const duplicated = fitLogistic(Float64Array.from([0, 1, 1, 2, 3, 1]), 6, 1, [0, 0, 0, 1, 1, 1], {
      l2: 0.1,
    });
    expect(weighted.coef[0]).toBeCloseTo(duplicated.coef[0] ?? Number.NaN, 8);
    expect(weighted.intercept).toBeCloseTo(duplicated.intercept, 8);
  });

  it('stays finite on separable data when penalised', () => {
    const fit = fitLogistic(Float64Array.from([-2, -1, 1, 2]), 4, 1, [0, 0, 1, 1], { l2: 0.01 });
    expect(Number.isFinite(fit.coef[0])).toBe(true);
    expect(fit.coef[0]).toBeGreaterThan(1);
  });
});
