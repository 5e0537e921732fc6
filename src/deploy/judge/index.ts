/**
 * The canary judge: pure functions that compare a canary's metric samples with its baseline's
 * and decide pass / marginal / fail / inconclusive for one analysis interval.
 *
 * - `judge(config, data)`: the verdict, with a one-line explanation per metric.
 * - Per continuous metric: Mann-Whitney U with the Hodges-Lehmann shift and its confidence
 *   interval against an effect size (Kayenta's core); with `tail`, a p99 exceedance test and a
 *   Brown-Forsythe spread test. Per rate metric: Fisher's exact test (valid at zero events).
 * - A minimum-sample guard returns "inconclusive, need N more" instead of passing on too little data.
 * - Sequential looks spend alpha over the planned number of looks (O'Brien-Fleming or Pocock type).
 */
export { type HodgesLehmannResult, hodgesLehmann } from './hodges-lehmann.js';
export { judge } from './judge.js';
export {
  type Alternative,
  type MannWhitneyOptions,
  type MannWhitneyResult,
  mannWhitneyU,
  uDistribution,
} from './mann-whitney.js';
export { samplesForShift, trialsForRates } from './power.js';
export { fisherGreater, rateTest } from './rates.js';
export { normalQuantile, normalSf } from './special.js';
export { alphaSpent, lookThreshold } from './spending.js';
export {
  type QuantileInterval,
  quantileInterval,
  type SpreadTestResult,
  spreadTest,
  type TailTestResult,
  tailTest,
} from './tail.js';
export type {
  CheckResult,
  Decision,
  Direction,
  JudgeConfig,
  Look,
  MetricConfig,
  MetricSamples,
  MetricStatus,
  MetricVerdict,
  RateCounts,
  RateSamples,
  SpendingFunction,
  Verdict,
} from './types.js';
