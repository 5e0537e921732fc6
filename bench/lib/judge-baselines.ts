/**
 * The three judges bench/judge.ts compares on the same data: ours (the full judge), a
 * Kayenta-equivalent core (Mann-Whitney + effect size, nothing else) and a Flagger-style fixed
 * threshold on the mean and on the error rate.
 */
import {
  hodgesLehmann,
  type JudgeConfig,
  judge,
  type Look,
  mannWhitneyU,
  normalSf,
  type RateCounts,
} from '../../src/deploy/judge/index.js';

/** One-sided false-alarm rate per metric test, the same for ours and the Kayenta core: 1% per verdict split over two metrics. */
export const ALPHA = 0.005;
/** Relative latency change that matters. */
export const LATENCY_EFFECT = 0.05;
/** Error-rate change that matters: +50% relative, at least 0.2 percentage points. */
export const ERROR_EFFECT = 0.5;
export const ERROR_FLOOR = 0.002;

export type Outcome = 'pass' | 'marginal' | 'fail' | 'inconclusive';

export interface JudgeInput {
  latency: { baseline: number[]; canary: number[] };
  errors: { baseline: RateCounts; canary: RateCounts };
}

export function oursConfig(look?: Look): JudgeConfig {
  return {
    metrics: [
      {
        name: 'latency_ms',
        kind: 'continuous',
        direction: 'increase',
        effectSize: LATENCY_EFFECT,
        critical: true,
        tail: true,
        unit: 'ms',
      },
      {
        name: 'errors',
        kind: 'rate',
        direction: 'increase',
        effectSize: ERROR_EFFECT,
        absoluteEffect: ERROR_FLOOR,
        critical: true,
      },
    ],
    pass: 95,
    marginal: 75,
    alpha: ALPHA,
    ...(look ? { look } : {}),
  };
}

/** (a) the full judge. */
export function ours(input: JudgeInput, look?: Look): Outcome {
  return judge(oursConfig(look), { latency_ms: input.latency, errors: input.errors }).decision;
}

/**
 * (b) the Kayenta-equivalent core: per metric a one-sided Mann-Whitney test at ALPHA and an
 * effect-size gate, no power guard, no tail, rate or sequential extras. Errors are compared as
 * per-request 0/1 values with Kayenta's mean-ratio effect (the median of 0/1 values is 0).
 */
export function kayentaCore(input: JudgeInput): Outcome {
  const { baseline, canary } = input.latency;
  const test = mannWhitneyU(canary, baseline, { alternative: 'greater' });
  const hl = hodgesLehmann(baseline, canary);
  const median = sortedMedian(baseline);
  const latencyFails = test.p < ALPHA && hl.shift > LATENCY_EFFECT * median;
  const e = input.errors;
  const baseRate = e.baseline.events / e.baseline.trials;
  const canaryRate = e.canary.events / e.canary.trials;
  const ratioFails = baseRate === 0 ? canaryRate > 0 : canaryRate / baseRate - 1 > ERROR_EFFECT;
  const errorsFail = binaryMannWhitneyGreater(e.canary, e.baseline) < ALPHA && ratioFails;
  return latencyFails || errorsFail ? 'fail' : 'pass';
}

/** (c) Flagger-style thresholds: canary mean latency above 1.1 x the baseline's, or an error rate above 1%. */
export function flagger(input: JudgeInput): Outcome {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const errorRate = input.errors.canary.events / input.errors.canary.trials;
  return mean(input.latency.canary) > 1.1 * mean(input.latency.baseline) || errorRate > 0.01
    ? 'fail'
    : 'pass';
}

/**
 * The one-sided asymptotic Mann-Whitney p-value (tie and continuity corrected) of 0/1 samples in
 * closed form: what mannWhitneyU returns on the expanded arrays, without sorting 20,000 values.
 */
export function binaryMannWhitneyGreater(x: RateCounts, y: RateCounts): number {
  const n1 = x.trials;
  const n2 = y.trials;
  const n = n1 + n2;
  const ones = x.events + y.events;
  const zeros = n - ones;
  // Zeros share rank (zeros + 1) / 2, ones share rank zeros + (ones + 1) / 2.
  const rankSum = (n1 - x.events) * ((zeros + 1) / 2) + x.events * (zeros + (ones + 1) / 2);
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const tieTerm = zeros ** 3 - zeros + ones ** 3 - ones;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  return sd > 0 ? normalSf((u - (n1 * n2) / 2 - 0.5) / sd) : 1;
}

function sortedMedian(values: number[]): number {
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
