import { describe, expect, it } from 'vitest';
import { judge } from './judge.js';
import { fisherGreater, rateDifferenceInterval, rateTest } from './rates.js';
import type { JudgeConfig } from './types.js';

const config: JudgeConfig = {
  metrics: [{ name: 'errors', kind: 'rate', direction: 'increase', critical: true }],
  pass: 95,
  marginal: 75,
};

describe('rate tests', () => {
  it("reproduces Fisher's tea-tasting value: 3/4 vs 1/4 gives 17/70", () => {
    expect(fisherGreater({ events: 3, trials: 4 }, { events: 1, trials: 4 })).toBeCloseTo(17 / 70, 12);
  });

  it('gives the hypergeometric tail at a zero baseline: 0/2000 vs 5/200', () => {
    let expected = 1;
    for (let i = 0; i < 5; i++) expected *= (200 - i) / (2200 - i);
    expect(fisherGreater({ events: 5, trials: 200 }, { events: 0, trials: 2000 })).toBeCloseTo(expected, 15);
    expect(rateTest({ events: 0, trials: 100 }, { events: 0, trials: 100 }, 'increase')).toBe(1);
  });

  it('tests a drop for direction decrease (success rates)', () => {
    const drop = rateTest({ events: 900, trials: 1000 }, { events: 990, trials: 1000 }, 'decrease');
    expect(drop).toBeLessThan(1e-10);
    expect(rateTest({ events: 900, trials: 1000 }, { events: 990, trials: 1000 }, 'increase')).toBeCloseTo(
      1,
      10,
    );
  });

  it('fails 0/2000 vs 5/200 and does not fail 0/100 vs 0/100', () => {
    const caught = judge(config, {
      errors: { baseline: { events: 0, trials: 2000 }, canary: { events: 5, trials: 200 } },
    });
    expect(caught.decision).toBe('fail');
    expect(caught.metrics[0]?.status).toBe('fail');
    const quiet = judge(config, {
      errors: { baseline: { events: 0, trials: 100 }, canary: { events: 0, trials: 100 } },
    });
    expect(quiet.decision).toBe('inconclusive');
    expect(quiet.metrics[0]?.needMore).toBeGreaterThan(1000);
  });

  it('passes the same low rate once there are enough trials', () => {
    const verdict = judge(config, {
      errors: { baseline: { events: 10, trials: 20_000 }, canary: { events: 11, trials: 20_000 } },
    });
    expect(verdict.decision).toBe('pass');
  });
});

describe('rateDifferenceInterval', () => {
  it('matches Newcombe (1998) method 10 on his worked example 56/70 vs 48/80', () => {
    const { low, high } = rateDifferenceInterval(
      { events: 56, trials: 70 },
      { events: 48, trials: 80 },
      0.95,
    );
    expect(low).toBeCloseTo(0.0524, 3);
    expect(high).toBeCloseTo(0.3339, 3);
  });

  it('stays wide at zero events on few trials and narrows with more', () => {
    const few = rateDifferenceInterval({ events: 0, trials: 50 }, { events: 0, trials: 50 }, 0.95);
    const many = rateDifferenceInterval({ events: 0, trials: 5000 }, { events: 0, trials: 5000 }, 0.95);
    expect(few.high).toBeGreaterThan(0.05);
    expect(many.high).toBeLessThan(0.001);
  });
});
