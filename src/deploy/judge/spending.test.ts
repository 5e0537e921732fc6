import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/index.js';
import { mannWhitneyU } from './mann-whitney.js';
import { alphaSpent, lookThreshold } from './spending.js';
import type { SpendingFunction } from './types.js';

const SPENDING: SpendingFunction[] = ['obrien-fleming', 'pocock'];

describe('alpha spending', () => {
  it.each(SPENDING)('%s: the per-look thresholds add up to alpha', (spending) => {
    for (const planned of [1, 3, 10]) {
      let sum = 0;
      for (let index = 1; index <= planned; index++) sum += lookThreshold(0.05, index, planned, spending);
      expect(sum).toBeCloseTo(0.05, 14);
    }
  });

  it("spends little early with O'Brien-Fleming, evenly with Pocock", () => {
    expect(lookThreshold(0.05, 1, 10, 'obrien-fleming')).toBeLessThan(1e-8);
    expect(lookThreshold(0.05, 10, 10, 'obrien-fleming')).toBeGreaterThan(0.01);
    expect(alphaSpent(0.05, 0.5, 'pocock')).toBeCloseTo(0.05 * Math.log(1 + (Math.E - 1) / 2), 14);
    expect(alphaSpent(0.05, 1, 'pocock')).toBe(0.05);
  });

  it.each(SPENDING)('%s: a no-change simulation over 10 looks stays near alpha', (spending) => {
    const random = seededRandom(11);
    const alpha = 0.05;
    const trials = 400;
    let spent = 0;
    let naive = 0;
    for (let trial = 0; trial < trials; trial++) {
      const baseline: number[] = [];
      const canary: number[] = [];
      let rejected = false;
      let naiveRejected = false;
      for (let look = 1; look <= 10; look++) {
        for (let i = 0; i < 15; i++) baseline.push(random());
        for (let i = 0; i < 15; i++) canary.push(random());
        const { p } = mannWhitneyU(canary, baseline, { alternative: 'greater' });
        if (p < lookThreshold(alpha, look, 10, spending)) rejected = true;
        if (p < alpha) naiveRejected = true;
      }
      if (rejected) spent++;
      if (naiveRejected) naive++;
    }
    expect(spent / trials).toBeLessThanOrEqual(alpha + 0.02);
    expect(naive / trials, 'looking every interval at alpha inflates the false alarms').toBeGreaterThan(
      1.5 * alpha,
    );
  });
});
