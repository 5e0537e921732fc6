import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/index.js';
import { hodgesLehmann } from './hodges-lehmann.js';
import { kthDifference } from './pairwise.js';
import { sorted } from './sample-stats.js';

describe('hodgesLehmann', () => {
  // y - x for x = 1, 2, 3 and y = 4, 5, 6: 1 2 2 3 3 3 4 4 5.
  const x = [1, 2, 3];
  const y = [4, 5, 6];

  it('estimates the shift as the median pairwise difference', () => {
    expect(hodgesLehmann(x, y).shift).toBe(3);
    expect(hodgesLehmann(y, x).shift).toBe(-3);
    expect(hodgesLehmann([0, 10], [1, 2]).shift).toBe(-3.5); // differences -9 -8 1 2
  });

  it('reads the interval off the U distribution: P(U <= 0) = 0.05 gives [D1, D9] at 90%', () => {
    expect(hodgesLehmann(x, y, 0.9)).toEqual({ shift: 3, low: 1, high: 5, confidence: 0.9 });
  });

  it('narrows to [D3, D7] at 50%: P(U <= 2) = 0.2 <= 0.25 < P(U <= 3) = 0.35', () => {
    expect(hodgesLehmann(x, y, 0.5)).toMatchObject({ low: 2, high: 4 });
  });

  it('is unbounded when no order statistic gives the coverage', () => {
    expect(hodgesLehmann([1, 2], [3, 4], 0.95)).toMatchObject({ low: -Infinity, high: Infinity });
  });

  it('covers a known shift with large tied samples (normal approximation)', () => {
    const random = seededRandom(7);
    const base = Array.from({ length: 400 }, () => Math.round(random() * 50));
    const canary = Array.from({ length: 300 }, () => Math.round(random() * 50) + 5);
    const result = hodgesLehmann(base, canary);
    expect(result.shift).toBe(5);
    expect(result.low).toBeLessThanOrEqual(5);
    expect(result.high).toBeGreaterThanOrEqual(5);
    expect(result.high - result.low).toBeLessThan(8);
  });
});

describe('kthDifference', () => {
  it('agrees with sorting all pairwise differences, ties and large samples included', () => {
    const random = seededRandom(3);
    for (const [m, n, tied] of [
      [120, 90, false],
      [200, 150, true],
    ] as const) {
      const xs = sorted(Array.from({ length: m }, () => (tied ? Math.floor(random() * 20) : random() * 100)));
      const ys = sorted(Array.from({ length: n }, () => (tied ? Math.floor(random() * 20) : random() * 100)));
      const all: number[] = [];
      for (const a of xs) for (const b of ys) all.push(b - a);
      const reference = Float64Array.from(all).sort();
      for (const k of [1, 2, 17, Math.floor((m * n) / 3), Math.floor((m * n) / 2), m * n - 1, m * n])
        expect(kthDifference(xs, ys, k), `m=${m} n=${n} k=${k}`).toBe(reference[k - 1]);
    }
  });
});
