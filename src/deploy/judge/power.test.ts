import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/index.js';
import { judge } from './judge.js';
import { samplesForShift, trialsForRates } from './power.js';
import type { JudgeConfig } from './types.js';

const config: JudgeConfig = {
  metrics: [{ name: 'latency_ms', kind: 'continuous', direction: 'increase', effectSize: 0.05 }],
  pass: 95,
  marginal: 75,
};

function uniforms(seed: number, count: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => 80 + 40 * random());
}

describe('minimum-sample guard', () => {
  it('follows n = (z_(1-a) + z_power)^2 2 sigma^2 / delta^2 / (3 / pi)', () => {
    // (1.6449 + 0.8416)^2 * 2 * 100 / 4 * pi / 3 = 323.7
    expect(samplesForShift(10, 2, 0.05, 0.8)).toBe(324);
    expect(samplesForShift(10, 0, 0.05, 0.8)).toBe(Infinity);
    // Zero baseline, +0.1 pp: (1.6449 sqrt(2 * 0.0005 * 0.9995) + 0.8416 sqrt(0.001 * 0.999))^2 / 1e-6 = 6178.4
    expect(trialsForRates(0, 0.001, 0.05, 0.8)).toBe(6179);
  });

  it('answers "need N more" below the needed size, and passes once the samples are there', () => {
    const small = judge(config, { latency_ms: { baseline: uniforms(1, 20), canary: uniforms(2, 20) } });
    expect(small.decision).toBe('inconclusive');
    const needMore = small.metrics[0]?.needMore ?? 0;
    expect(needMore).toBeGreaterThan(10);
    expect(small.metrics[0]?.explanation).toMatch(
      new RegExp(`INCONCLUSIVE, need ${needMore} more samples per side$`),
    );
    const enough = Math.ceil((20 + needMore) * 1.2);
    const full = judge(config, {
      latency_ms: { baseline: uniforms(3, enough), canary: uniforms(4, enough) },
    });
    expect(full.decision).toBe('pass');
  });

  it('still fails an underpowered metric when the evidence is already clear', () => {
    const baseline = uniforms(5, 15);
    const verdict = judge(config, { latency_ms: { baseline, canary: baseline.map((v) => v * 2) } });
    expect(verdict.decision).toBe('fail');
  });
});
