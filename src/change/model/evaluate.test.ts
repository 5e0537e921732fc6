import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/random.js';
import { evaluateTimeOrdered, timeOrderedSplit } from './evaluate.js';
import { syntheticChanges } from './testing/synthetic.js';
import { trainRiskModel } from './train.js';
import type { Sample } from './types.js';

describe('timeOrderedSplit', () => {
  it('never puts a training change after a test change, whatever the input order', () => {
    const random = seededRandom(9);
    // Shuffled, with many changes sharing a second (as rebased series do).
    const samples = Array.from({ length: 1_000 }, (_, i) => ({ time: Math.floor(random() * 200), i }));
    const { train, test } = timeOrderedSplit(samples);
    expect(train.length + test.length).toBe(1_000);
    expect(Math.max(...train.map((s) => s.time))).toBeLessThanOrEqual(Math.min(...test.map((s) => s.time)));
    // Ties never straddle the cut.
    expect(Math.max(...train.map((s) => s.time))).toBeLessThan(Math.min(...test.map((s) => s.time)));
    expect(train.length / 1_000).toBeGreaterThan(0.75);
    expect(train.length / 1_000).toBeLessThanOrEqual(0.8);
  });

  it('honours trainFraction and rejects nonsense', () => {
    const samples = Array.from({ length: 10 }, (_, i) => ({ time: i }));
    expect(timeOrderedSplit(samples, { trainFraction: 0.5 }).train.map((s) => s.time)).toEqual([
      0, 1, 2, 3, 4,
    ]);
    expect(() => timeOrderedSplit(samples, { trainFraction: 1 })).toThrow(/between 0 and 1/);
  });
});

describe('evaluateTimeOrdered', () => {
  it('trains only on the past and tests on the future', () => {
    const samples = syntheticChanges(2_000, 4).reverse();
    let seen: readonly Sample[] = [];
    const evaluation = evaluateTimeOrdered(samples, (train) => {
      seen = train;
      return trainRiskModel(train, { kind: 'logistic-l2' });
    });
    const newestTrained = Math.max(...seen.map((s) => s.time));
    const test = samples.filter((s) => !seen.includes(s));
    expect(newestTrained).toBeLessThanOrEqual(Math.min(...test.map((s) => s.time)));
    expect(evaluation.trainSize).toBe(1_600);
    expect(evaluation.testSize).toBe(400);
    expect(evaluation.positivesTest).toBe(test.filter((s) => s.label === 1).length);
    expect(evaluation.auc).toBeGreaterThan(0.65);
  });

  it('reports precision at bands when asked', () => {
    const evaluation = evaluateTimeOrdered(
      syntheticChanges(1_000, 5),
      (t) => trainRiskModel(t, { kind: 'logistic-l2' }),
      {
        bands: [{ band: 'high', min: 0.3 }],
      },
    );
    expect(evaluation.precisionAtBand?.[0]?.band).toBe('high');
  });
});
