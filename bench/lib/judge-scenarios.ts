/**
 * Seeded synthetic canary scenarios for bench/judge.ts: per-request latencies (lognormal, median
 * 100 ms) and error counts per analysis interval, for a baseline and a canary of equal traffic.
 */
import type { RateCounts } from '../../src/deploy/judge/index.js';

export interface ScenarioSizes {
  /** Latency samples per side per interval. */
  latencyPerInterval: number;
  /** Requests per side per interval. */
  requestsPerInterval: number;
}

export interface Scenario {
  name: string;
  /** Is the canary worse? No-change scenarios measure false positives. */
  regression: boolean;
  /** Used by the variance and zero-baseline targets. */
  tag?: 'variance' | 'zero-baseline';
  sizes: ScenarioSizes;
  /** Canary latency from a baseline-distributed draw (`base`) and the random source. */
  canaryLatency: (base: number, random: () => number) => number;
  /** Baseline latency sigma of log(latency). */
  sigma: number;
  baselineErrorRate: number;
  canaryErrorRate: number;
}

/** One trial's data over `intervals` analysis intervals. */
export interface TrialData {
  baselineLatency: number[];
  canaryLatency: number[];
  /** Errors per interval, per side. */
  baselineErrors: RateCounts[];
  canaryErrors: RateCounts[];
}

const NORMAL: ScenarioSizes = { latencyPerInterval: 150, requestsPerInterval: 1500 };
const LOW: ScenarioSizes = { latencyPerInterval: 6, requestsPerInterval: 60 };
const same = (base: number) => base;

/** The scenarios, in report order. */
export function scenarios(): Scenario[] {
  const shift = (pct: number): Scenario => ({
    name: `latency +${pct}%`,
    regression: true,
    sizes: NORMAL,
    canaryLatency: (base) => base * (1 + pct / 100),
    sigma: 0.35,
    baselineErrorRate: 0.001,
    canaryErrorRate: 0.001,
  });
  return [
    {
      name: 'no change',
      regression: false,
      sizes: NORMAL,
      canaryLatency: same,
      sigma: 0.35,
      baselineErrorRate: 0.001,
      canaryErrorRate: 0.001,
    },
    shift(2),
    shift(5),
    shift(10),
    shift(20),
    {
      name: 'errors 0 -> 0.5%',
      regression: true,
      tag: 'zero-baseline',
      sizes: NORMAL,
      canaryLatency: same,
      sigma: 0.35,
      baselineErrorRate: 0,
      canaryErrorRate: 0.005,
    },
    {
      name: 'errors 1% -> 2%',
      regression: true,
      sizes: NORMAL,
      canaryLatency: same,
      sigma: 0.35,
      baselineErrorRate: 0.01,
      canaryErrorRate: 0.02,
    },
    {
      name: 'variance only (sigma x1.5)',
      regression: true,
      tag: 'variance',
      sizes: NORMAL,
      // Same median: scale the log-deviation from the median by 1.5.
      canaryLatency: (base) => 100 * (base / 100) ** 1.5,
      sigma: 0.35,
      baselineErrorRate: 0.001,
      canaryErrorRate: 0.001,
    },
    {
      name: 'heavy tail (2% x Pareto)',
      regression: true,
      sizes: NORMAL,
      // 2% of requests slowed by a Pareto(x_m = 2, shape 1.5) factor.
      canaryLatency: (base, random) => (random() < 0.02 ? base * 2 * (1 - random()) ** (-1 / 1.5) : base),
      sigma: 0.35,
      baselineErrorRate: 0.001,
      canaryErrorRate: 0.001,
    },
    {
      name: 'low traffic, no change',
      regression: false,
      sizes: LOW,
      canaryLatency: same,
      sigma: 0.35,
      baselineErrorRate: 0.001,
      canaryErrorRate: 0.001,
    },
    {
      name: 'low traffic, latency +20%',
      regression: true,
      sizes: LOW,
      canaryLatency: (base) => base * 1.2,
      sigma: 0.35,
      baselineErrorRate: 0.001,
      canaryErrorRate: 0.001,
    },
  ];
}

function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function binomial(random: () => number, trials: number, p: number): number {
  if (p === 0) return 0;
  let events = 0;
  for (let i = 0; i < trials; i++) if (random() < p) events++;
  return events;
}

/** Draws one trial: `intervals` intervals of latencies and error counts for each side. */
export function drawTrial(scenario: Scenario, intervals: number, random: () => number): TrialData {
  const n = scenario.sizes.latencyPerInterval * intervals;
  const base = () => 100 * Math.exp(scenario.sigma * standardNormal(random));
  const baselineLatency = Array.from({ length: n }, base);
  const canaryLatency = Array.from({ length: n }, () => scenario.canaryLatency(base(), random));
  const trials = scenario.sizes.requestsPerInterval;
  const errors = (rate: number) =>
    Array.from({ length: intervals }, () => ({ events: binomial(random, trials, rate), trials }));
  return {
    baselineLatency,
    canaryLatency,
    baselineErrors: errors(scenario.baselineErrorRate),
    canaryErrors: errors(scenario.canaryErrorRate),
  };
}

/** The data seen at look `k` (1-based): the first k intervals, errors summed. */
export function upToLook(trial: TrialData, scenario: Scenario, k: number) {
  const n = scenario.sizes.latencyPerInterval * k;
  const sum = (counts: RateCounts[]) =>
    counts.slice(0, k).reduce((a, c) => ({ events: a.events + c.events, trials: a.trials + c.trials }), {
      events: 0,
      trials: 0,
    });
  return {
    latency: { baseline: trial.baselineLatency.slice(0, n), canary: trial.canaryLatency.slice(0, n) },
    errors: { baseline: sum(trial.baselineErrors), canary: sum(trial.canaryErrors) },
  };
}
