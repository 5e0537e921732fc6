/** Runs the trials of one scenario for bench/judge.ts: fixed-sample verdicts and sequential looks. */
import { flagger, kayentaCore, ours } from './judge-baselines.js';
import { drawTrial, type Scenario, upToLook } from './judge-scenarios.js';
import { seededRandom } from './random.js';

export interface ScenarioResult {
  scenario: string;
  regression: boolean;
  tag?: string;
  trials: number;
  latencySamplesPerSide: number;
  requestsPerSide: number;
  /** Share of trials each judge failed the canary in (detection, or false positives without a regression). */
  ours: number;
  oursInconclusive: number;
  kayenta: number;
  flagger: number;
  /** Ours over `intervals` looks with alpha spending: share failed at any look. */
  sequential: number;
  /** Median latency samples per side seen when the sequential judge decided (fail, or the last look). */
  sequentialMedianSamples: number;
  /** Median samples per side at the failing look, over the trials that failed. */
  sequentialMedianSamplesToFail: number | null;
}

export function runScenario(
  scenario: Scenario,
  trials: number,
  intervals: number,
  seed: number,
): ScenarioResult {
  const random = seededRandom(seed);
  const counts = { ours: 0, inconclusive: 0, kayenta: 0, flagger: 0, sequential: 0 };
  const decidedAt: number[] = [];
  const failedAt: number[] = [];
  for (let t = 0; t < trials; t++) {
    const trial = drawTrial(scenario, intervals, random);
    const full = upToLook(trial, scenario, intervals);
    const verdict = ours(full);
    if (verdict === 'fail') counts.ours++;
    if (verdict === 'inconclusive') counts.inconclusive++;
    if (kayentaCore(full) === 'fail') counts.kayenta++;
    if (flagger(full) === 'fail') counts.flagger++;
    let look = 1;
    for (; look <= intervals; look++) {
      if (ours(upToLook(trial, scenario, look), { index: look, planned: intervals }) === 'fail') break;
    }
    const samples = scenario.sizes.latencyPerInterval * Math.min(look, intervals);
    decidedAt.push(samples);
    if (look <= intervals) {
      counts.sequential++;
      failedAt.push(samples);
    }
  }
  return {
    scenario: scenario.name,
    regression: scenario.regression,
    ...(scenario.tag ? { tag: scenario.tag } : {}),
    trials,
    latencySamplesPerSide: scenario.sizes.latencyPerInterval * intervals,
    requestsPerSide: scenario.sizes.requestsPerInterval * intervals,
    ours: counts.ours / trials,
    oursInconclusive: counts.inconclusive / trials,
    kayenta: counts.kayenta / trials,
    flagger: counts.flagger / trials,
    sequential: counts.sequential / trials,
    sequentialMedianSamples: medianOf(decidedAt) ?? 0,
    sequentialMedianSamplesToFail: medianOf(failedAt),
  };
}

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
