import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/index.js';
import { judge } from './judge.js';
import { sorted } from './sample-stats.js';
import { quantileInterval, spreadTest, tailTest } from './tail.js';
import type { JudgeConfig } from './types.js';

function normals(seed: number, count: number, mean: number, sd: number): number[] {
  const random = seededRandom(seed);
  return Array.from(
    { length: count },
    () => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
  );
}

const config = (tail: boolean): JudgeConfig => ({
  metrics: [{ name: 'latency_ms', kind: 'continuous', direction: 'increase', tail, unit: 'ms' }],
  pass: 95,
  marginal: 75,
});

describe('variance and tail regressions', () => {
  const baseline = normals(1, 1500, 100, 10);
  const wider = normals(2, 1500, 100, 16);

  it('catches a variance-only increase that the location test misses', () => {
    const withTail = judge(config(true), { latency_ms: { baseline, canary: wider } });
    expect(withTail.decision).toBe('fail');
    const failed = withTail.metrics[0]?.checks.filter((c) => c.failed).map((c) => c.check);
    expect(failed).toContain('spread');
    expect(failed).not.toContain('location');
    expect(judge(config(false), { latency_ms: { baseline, canary: wider } }).decision).toBe('pass');
  });

  it('does not flag the same distribution', () => {
    const same = normals(3, 1500, 100, 10);
    expect(judge(config(true), { latency_ms: { baseline, canary: same } }).decision).toBe('pass');
  });

  it('finds a heavier upper tail with the p99 exceedance test', () => {
    const random = seededRandom(4);
    const tailed = normals(5, 1500, 100, 10).map((v) => (random() < 0.03 ? v * 3 : v));
    const result = tailTest(baseline, tailed, 0.99, 0.95);
    expect(result.p).toBeLessThan(1e-4);
    expect(result.relativeChange).toBeGreaterThan(0.5);
    expect(spreadTest(baseline, tailed).relativeChange).toBeGreaterThan(0.05);
  });

  it('bounds a quantile by order statistics', () => {
    const values = sorted(Array.from({ length: 1000 }, (_, i) => i + 1));
    const p99 = quantileInterval(values, 0.99, 0.95);
    expect(p99.estimate).toBeCloseTo(990.01, 6);
    expect(p99.low).toBeLessThan(990);
    expect(p99.high).toBeGreaterThan(990);
    expect(p99.high).toBeLessThanOrEqual(1000);
    expect(quantileInterval(sorted([1, 2, 3]), 0.99, 0.95).high).toBe(Infinity);
  });
});
