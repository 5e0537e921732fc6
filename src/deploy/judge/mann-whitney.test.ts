import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hodgesLehmann } from './hodges-lehmann.js';
import { type Alternative, mannWhitneyU, uDistribution } from './mann-whitney.js';

/** `../shared/data/stats` next to the project root: public reference values, never copied in. */
const DATA = resolve(import.meta.dirname, '../../../../shared/data/stats/mann-whitney-scipy.json');
const present = existsSync(DATA);
if (!present) console.warn(`Skipping the scipy Mann-Whitney cases: ${DATA} not found`);

interface ScipyCase {
  dist: string;
  x: number[];
  y: number[];
  alternative: Alternative;
  method: 'exact' | 'asymptotic';
  continuity: boolean;
  U_x: number;
  p: number;
  hodges_lehmann_y_minus_x: number;
}

const relative = (actual: number, expected: number) =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);

describe.skipIf(!present)('against scipy.stats.mannwhitneyu', () => {
  const cases: ScipyCase[] = present ? JSON.parse(readFileSync(DATA, 'utf8')).cases : [];

  it('matches U, p and the Hodges-Lehmann shift on every case', () => {
    expect(cases.length).toBeGreaterThan(100);
    for (const [i, c] of cases.entries()) {
      const label = `case ${i} (${c.dist}, ${c.x.length}x${c.y.length}, ${c.alternative}, ${c.method})`;
      const result = mannWhitneyU(c.x, c.y, {
        alternative: c.alternative,
        method: c.method,
        continuity: c.continuity,
      });
      expect(result.method, label).toBe(c.method);
      expect(result.u, label).toBeCloseTo(c.U_x, 9);
      expect(relative(result.p, c.p), `${label}: p ${result.p} vs ${c.p}`).toBeLessThan(
        c.method === 'exact' ? 1e-9 : 1e-6,
      );
      const hl = hodgesLehmann(c.x, c.y).shift;
      expect(Math.abs(hl - c.hodges_lehmann_y_minus_x), `${label}: HL ${hl}`).toBeLessThan(
        1e-9 * Math.max(1, Math.abs(c.hodges_lehmann_y_minus_x)),
      );
    }
  });
});

describe('mannWhitneyU', () => {
  it('gives the exact null distribution of U for 3 x 3 samples', () => {
    const counts = Array.from(uDistribution(3, 3), (p) => Math.round(p * 20));
    expect(counts).toEqual([1, 1, 2, 3, 3, 3, 3, 2, 1, 1]);
  });

  it('computes the exact one-sided p-value of complete separation as 1 / C(m + n, m)', () => {
    const result = mannWhitneyU([4, 5, 6], [1, 2, 3], { alternative: 'greater' });
    expect(result).toEqual({ u: 9, p: 0.05, method: 'exact' });
  });

  it('switches to the asymptotic method with ties, like scipy', () => {
    expect(mannWhitneyU([1, 1, 2], [2, 3, 3]).method).toBe('asymptotic');
  });

  it('rejects an exact test with ties and empty samples', () => {
    expect(() => mannWhitneyU([1, 1], [1, 2], { method: 'exact' })).toThrow(/ties/);
    expect(() => mannWhitneyU([], [1])).toThrow(/non-empty/);
  });
});
