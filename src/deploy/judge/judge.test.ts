import { describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { judge } from './judge.js';
import type { JudgeConfig, MetricSamples, RateSamples } from './types.js';

const ramp = (from: number, count: number, step: number) =>
  Array.from({ length: count }, (_, i) => from + i * step);

const config: JudgeConfig = {
  metrics: [
    {
      name: 'latency_ms',
      kind: 'continuous',
      direction: 'increase',
      critical: true,
      unit: 'ms',
      group: 'latency',
    },
    { name: 'errors', kind: 'rate', direction: 'increase', group: 'errors' },
    { name: 'tokens', kind: 'continuous', direction: 'either', group: 'errors', effectSize: 0.2 },
  ],
  groups: { latency: 3, errors: 1 },
  pass: 95,
  marginal: 70,
};

const calm = (): Record<string, MetricSamples | RateSamples> => ({
  latency_ms: { baseline: ramp(100, 2000, 0.01), canary: ramp(100.005, 2000, 0.01) },
  errors: { baseline: { events: 20, trials: 20_000 }, canary: { events: 21, trials: 20_000 } },
  tokens: { baseline: ramp(500, 400, 1), canary: ramp(500.5, 400, 1) },
});

function codeAndMessage(action: () => unknown): [string, string] {
  try {
    action();
  } catch (error) {
    if (error instanceof CaraError) return [error.code, error.message];
    throw error;
  }
  throw new Error('expected a CaraError');
}

describe('judge', () => {
  it('passes a calm canary with a full score', () => {
    const verdict = judge(config, calm());
    expect(verdict.decision).toBe('pass');
    expect(verdict.score).toBe(100);
    expect(verdict.metrics.map((m) => m.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('explains each metric in one line, with the look', () => {
    const data = calm();
    data.latency_ms = { baseline: ramp(100, 2000, 0.01), canary: ramp(112, 2000, 0.01) };
    const verdict = judge({ ...config, look: { index: 3, planned: 10 }, spending: 'pocock' }, data);
    expect(verdict.decision).toBe('fail');
    const line = verdict.metrics[0]?.explanation ?? '';
    expect(line).not.toContain('\n');
    expect(line).toMatch(
      /^latency_ms: canary \+\d+\.\d% \(HL 95% CI \+[\d.]+\.\.\+[\d.]+ ms\), p=\S+ < 0\.\d{4} \(look 3\/10\) → FAIL \(location, critical\)$/,
    );
    expect(verdict.summary.split('\n')).toHaveLength(4);
    expect(verdict.summary).toMatch(/^FAIL: score 25, pass >= 95, marginal >= 70, look 3\/10/);
  });

  it('weights groups: one failing metric of two in the weight-1 group leaves 87.5 = marginal', () => {
    const data = calm();
    data.tokens = { baseline: ramp(500, 400, 1), canary: ramp(200, 400, 1) };
    const verdict = judge(config, data);
    expect(verdict.metrics[2]?.status).toBe('fail');
    expect(verdict.score).toBe(87.5);
    expect(verdict.decision).toBe('marginal');
  });

  it('names the field of a bad config or bad data', () => {
    const cases: [() => unknown, string, RegExp][] = [
      [
        () => judge({ ...config, pass: 60 }, calm()),
        'USAGE',
        /marginal \(70\) must not be above pass \(60\)/,
      ],
      [() => judge({ ...config, look: { index: 4, planned: 3 } }, calm()), 'USAGE', /look\.index/],
      [() => judge({ ...config, groups: { latency: 1 } }, calm()), 'USAGE', /metrics\[1\]\.group 'errors'/],
      [() => judge({ ...config, alpha: 0.7 }, calm()), 'USAGE', /alpha/],
      [
        () => judge(config, { ...calm(), cpu: { baseline: [1], canary: [1] } }),
        'USAGE',
        /data\.cpu is not a configured metric/,
      ],
      [
        () => judge(config, { ...calm(), latency_ms: { baseline: [], canary: [1] } }),
        'DATA_INVALID',
        /data\.latency_ms\.baseline is empty/,
      ],
      [
        () =>
          judge(config, {
            ...calm(),
            errors: { baseline: { events: 5, trials: 4 }, canary: { events: 0, trials: 4 } },
          }),
        'DATA_INVALID',
        /data\.errors\.baseline\.events/,
      ],
      [
        () => judge(config, { latency_ms: calm().latency_ms as MetricSamples }),
        'DATA_INVALID',
        /data\.errors is missing/,
      ],
    ];
    for (const [action, code, message] of cases) {
      const [actualCode, actualMessage] = codeAndMessage(action);
      expect(actualCode, actualMessage).toBe(code);
      expect(actualMessage).toMatch(message);
    }
  });
});

describe('judge: enough data', () => {
  const latency: JudgeConfig = {
    metrics: [{ name: 'latency', kind: 'continuous', direction: 'increase', effectSize: 0.02 }],
    pass: 95,
    marginal: 75,
  };
  // Wide spread: a 2% shift of the median needs hundreds of samples per side to be detected.
  const wide = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => from + ((i * 37) % 100));

  it('asks for more samples while the interval still admits a material regression', () => {
    const verdict = judge(latency, { latency: { baseline: wide(100, 60), canary: wide(100, 60) } });
    expect(verdict.metrics[0]?.status).toBe('inconclusive');
    expect(verdict.metrics[0]?.needMore).toBeGreaterThan(0);
  });

  it('passes without more samples once the interval rules a material regression out', () => {
    const verdict = judge(latency, { latency: { baseline: wide(100, 60), canary: wide(40, 60) } });
    expect(verdict.metrics[0]?.status).toBe('pass');
    expect(verdict.decision).toBe('pass');
  });
});

describe('judge: a better canary against a degraded baseline', () => {
  it('passes the error rate without asking for more trials', () => {
    const config: JudgeConfig = {
      metrics: [
        { name: 'errors', kind: 'rate', direction: 'increase', absoluteEffect: 0.005, critical: true },
      ],
      pass: 95,
      marginal: 75,
    };
    const verdict = judge(config, {
      errors: { baseline: { events: 300, trials: 1000 }, canary: { events: 0, trials: 200 } },
    });
    expect(verdict.metrics[0]?.status).toBe('pass');
    expect(verdict.decision).toBe('pass');
  });
});
