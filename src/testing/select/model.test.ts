import { describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { seededRandom } from '../../core/random.js';
import { FAILURE_FEATURES } from './features.js';
import {
  parseFailureModel,
  predictFailure,
  type TrainingRow,
  trainFailureModel,
  updateFailureModel,
  usableModel,
} from './model.js';

/**
 * Synthetic history: tests that cover the change fail 30% of the time, others 1%; a flaky-looking
 * history rate adds a little. The hand-made prior knows only coverage, coarsely.
 */
function history(runs: number, seed: number): TrainingRow[] {
  const random = seededRandom(seed);
  const rows: TrainingRow[] = [];
  for (let run = 0; run < runs; run++) {
    for (let test = 0; test < 20; test++) {
      const covers = random() < 0.2 ? 1 : 0;
      const rate = random() * 0.1;
      const features = FAILURE_FEATURES.map(() => 0);
      features[0] = covers ? 0.7 : 0.01;
      features[1] = covers;
      features[4] = rate;
      const p = (covers ? 0.3 : 0.01) + rate;
      rows.push({
        runId: `run-${String(run).padStart(4, '0')}`,
        at: run * 1000,
        features,
        prior: covers ? 0.5 : 0.002,
        failed: random() < p ? 1 : 0,
      });
    }
  }
  return rows;
}

function hintOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaraError) return error.hint;
    throw error;
  }
  return undefined;
}

describe('test-failure model', () => {
  it('learns that covering the change predicts failure, and beats chance on later runs', () => {
    const model = trainFailureModel(history(60, 7), '2026-11-29T00:00:00Z');
    expect(usableModel(model)).toBe(true);
    expect(model.coef[1]).toBeGreaterThan(0);
    const covering = FAILURE_FEATURES.map(() => 0);
    covering[0] = 0.7;
    covering[1] = 1;
    const other = FAILURE_FEATURES.map(() => 0);
    other[0] = 0.01;
    expect(predictFailure(model, covering)).toBeGreaterThan(0.2);
    expect(predictFailure(model, other)).toBeLessThan(0.1);
    expect(model.evaluation?.auc).toBeGreaterThan(0.7);
    expect(model.evaluation?.holdoutRows).toBe(15 * 20);
  });

  it('is not usable on a thin history, so selection keeps the structural estimate', () => {
    const model = trainFailureModel(history(3, 1), '2026-11-29T00:00:00Z');
    expect(model.rows).toBe(60);
    expect(usableModel(model)).toBe(false);
    expect(usableModel(undefined)).toBe(false);
  });

  it('moves toward new evidence with each incremental update', () => {
    const model = trainFailureModel(history(40, 3), '2026-11-29T00:00:00Z');
    const features = FAILURE_FEATURES.map(() => 0);
    features[0] = 0.01;
    const before = predictFailure(model, features);
    const failing: TrainingRow[] = Array.from({ length: 50 }, (_, i) => ({
      runId: 'new',
      at: 1e9 + i,
      features,
      prior: 0.002,
      failed: 1,
    }));
    const updated = updateFailureModel(model, failing);
    expect(predictFailure(updated, features)).toBeGreaterThan(before);
    expect(updated.rows).toBe(model.rows + 50);
    expect(updated.failures).toBe(model.failures + 50);
    expect(updated.updates).toBe(1);
  });

  it('round-trips through JSON and refuses a damaged or foreign model', () => {
    const model = trainFailureModel(history(10, 5), '2026-11-29T00:00:00Z');
    expect(parseFailureModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
    expect(() => parseFailureModel({ ...model, coef: [1, 2] })).toThrow(CaraError);
    expect(hintOf(() => parseFailureModel({ ...model, features: ['other'] }))).toMatch(/cara test learn/);
    expect(() => parseFailureModel('nonsense')).toThrow(CaraError);
  });

  it('refuses to train on nothing, saying how to get history', () => {
    expect(hintOf(() => trainFailureModel([], 'now'))).toMatch(/cara test run/);
  });
});
