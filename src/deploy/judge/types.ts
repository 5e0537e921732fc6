/** Which change of a metric is a regression. */
export type Direction = 'increase' | 'decrease' | 'either';

/** How the alpha of a check is spread over the planned looks. */
export type SpendingFunction = 'obrien-fleming' | 'pocock';

export interface MetricConfig {
  name: string;
  /** 'continuous': one value per observation (latency); 'rate': events out of trials (errors/requests). */
  kind: 'continuous' | 'rate';
  /** Which way is bad. */
  direction: Direction;
  /** Smallest relative change that matters, against the baseline median (or rate); default 0.05. */
  effectSize?: number;
  /**
   * Smallest absolute change that matters, used when it is larger than the relative one or the
   * baseline is zero; for rates a rate difference (default 0.001), for continuous metrics in units.
   */
  absoluteEffect?: number;
  /** A failing critical metric fails the whole verdict whatever the score. */
  critical?: boolean;
  /** Metric group for the weighted score; default 'default'. */
  group?: string;
  /** Continuous only: also check the tail (p99 exceedances) and the spread (Brown-Forsythe). */
  tail?: boolean;
  /** Unit printed in explanations, e.g. 'ms'. */
  unit?: string;
}

export interface MetricSamples {
  baseline: readonly number[];
  canary: readonly number[];
}

export interface RateCounts {
  events: number;
  trials: number;
}

export interface RateSamples {
  baseline: RateCounts;
  canary: RateCounts;
}

export interface Look {
  /** 1-based index of this analysis among the planned ones. */
  index: number;
  planned: number;
}

export interface JudgeConfig {
  metrics: readonly MetricConfig[];
  /** Group weights; every group a metric names needs one. Default: one group of weight 1. */
  groups?: Readonly<Record<string, number>>;
  /** Score (0..100) at or above which the canary passes. */
  pass: number;
  /** Score below which the canary fails; between marginal and pass it is marginal. */
  marginal: number;
  /** False-alarm rate of each metric's location or rate test over the whole analysis; default 0.05. */
  alpha?: number;
  /** Alpha of each tail and spread check, default alpha / 4 (they add to the metric's false-alarm rate). */
  tailAlpha?: number;
  /** Power the minimum-sample guard asks for at the effect size; default 0.8. */
  power?: number;
  /** Tail quantile checked when `tail` is set; default 0.99. */
  tailQuantile?: number;
  /** Confidence of the printed intervals; default 0.95. */
  confidence?: number;
  /** Sequential analysis: this look among the planned ones; default a single look (1 of 1). */
  look?: Look;
  /** Default 'obrien-fleming'. */
  spending?: SpendingFunction;
}

/** One statistical check of one metric. */
export interface CheckResult {
  check: 'location' | 'tail' | 'spread' | 'rate';
  /** One-sided p-value in the bad direction (for 'either', the smaller side doubled). */
  p: number;
  /** The threshold p is compared with at this look. */
  threshold: number;
  /** Relative change of canary over baseline (+0.12 = 12% worse in the increase direction). */
  relativeChange: number;
  /** Did the change exceed the effect size? */
  material: boolean;
  failed: boolean;
  /** A short description, e.g. "p99 +48.0% (baseline 210..230, canary 300..340 ms)". */
  detail: string;
}

export type MetricStatus = 'pass' | 'fail' | 'inconclusive';

export interface MetricVerdict {
  name: string;
  status: MetricStatus;
  critical: boolean;
  group: string;
  checks: CheckResult[];
  /** When inconclusive: more samples (continuous) or trials (rate) each side needs. */
  needMore?: number;
  /** One line that explains the verdict. */
  explanation: string;
}

export type Decision = 'pass' | 'marginal' | 'fail' | 'inconclusive';

export interface Verdict {
  decision: Decision;
  /** Weighted % of metrics that pass, counting inconclusive ones as passing. */
  score: number;
  /** The score if every inconclusive metric failed. */
  worstScore: number;
  metrics: MetricVerdict[];
  look: Look;
  /** One line per metric after a headline. */
  summary: string;
}
