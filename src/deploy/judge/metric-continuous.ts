import { lookText, outcome, plain, pVersus, signed, signedPercent } from './explain.js';
import { hodgesLehmann } from './hodges-lehmann.js';
import { type Alternative, mannWhitneyU } from './mann-whitney.js';
import { samplesForShift } from './power.js';
import { medianOfSorted, quantileOfSorted, sorted, variance } from './sample-stats.js';
import { lookThreshold } from './spending.js';
import { relativeTo, spreadTest, tailTest } from './tail.js';
import type { CheckResult, MetricConfig, MetricSamples, MetricVerdict } from './types.js';
import type { Settings } from './validate.js';

/** Fewer values than this per side and no rank test is attempted. */
const MIN_SAMPLES = 3;

const ALTERNATIVE: Record<MetricConfig['direction'], Alternative> = {
  increase: 'greater',
  decrease: 'less',
  either: 'two-sided',
};

/** Is a change of `change` (canary - baseline, in units or relative) bad and larger than `limit`? */
export function isMaterial(direction: MetricConfig['direction'], change: number, limit: number): boolean {
  if (direction === 'increase') return change > limit;
  if (direction === 'decrease') return -change > limit;
  return Math.abs(change) > limit;
}

/**
 * Judges one continuous metric: the Mann-Whitney location test with the Hodges-Lehmann shift
 * against the effect size (the Kayenta core), then with `tail` the p99 exceedance and
 * Brown-Forsythe spread checks, then the minimum-sample guard.
 */
export function judgeContinuous(
  metric: MetricConfig,
  data: MetricSamples,
  settings: Settings,
): MetricVerdict {
  const { look, spending, confidence } = settings;
  const effect = metric.effectSize ?? 0.05;
  const unit = metric.unit ? ` ${metric.unit}` : '';
  const base = sorted(data.baseline);
  const baseMedian = medianOfSorted(base);
  const scale = robustScale(base);
  const delta = Math.max(effect * Math.abs(baseMedian), metric.absoluteEffect ?? 0) || effect * scale;
  const threshold = (alpha: number) => lookThreshold(alpha, look.index, look.planned, spending);
  const checks: CheckResult[] = [];

  const n = Math.min(data.baseline.length, data.canary.length);
  let ruledOut = false;
  let headline = `${metric.name}: ${data.canary.length} canary / ${data.baseline.length} baseline values`;
  if (n >= MIN_SAMPLES) {
    const test = mannWhitneyU(data.canary, data.baseline, { alternative: ALTERNATIVE[metric.direction] });
    const hl = hodgesLehmann(data.baseline, data.canary, confidence);
    const relativeChange = baseMedian !== 0 ? hl.shift / Math.abs(baseMedian) : relativeTo(hl.shift, 0);
    const material = isMaterial(metric.direction, hl.shift, delta);
    const location: CheckResult = {
      check: 'location',
      p: test.p,
      threshold: threshold(settings.alpha),
      relativeChange,
      material,
      failed: false,
      detail: `HL ${Math.round(confidence * 100)}% CI ${signed(hl.low)}..${signed(hl.high)}${unit}`,
    };
    location.failed = material && location.p < location.threshold;
    ruledOut = excludesMaterial(metric.direction, hl.low, hl.high, delta);
    checks.push(location);
    headline =
      `${metric.name}: canary ${signedPercent(relativeChange)} (${location.detail}), ` +
      `${pVersus(location)}${lookText(look)}`;
    if (metric.tail) checks.push(...tailChecks(metric, data, settings, threshold, effect));
  }

  const needed = samplesForShift(scale, delta, settings.alpha, settings.power);
  // Enough data is either the planned sample size or an interval that already rules out a
  // material regression (a precise "no worse than the effect size" needs no more samples).
  const short = ruledOut ? 0 : Math.max(needed, MIN_SAMPLES) - n;
  const failed = checks.some((c) => c.failed);
  const status = failed ? 'fail' : short > 0 ? 'inconclusive' : 'pass';
  const extras = checks
    .filter((c) => c.check !== 'location')
    .map((c) => `; ${c.detail}, ${pVersus(c)}`)
    .join('');
  const critical = metric.critical === true;
  const needMore = status === 'inconclusive' ? short : undefined;
  return {
    name: metric.name,
    status,
    critical,
    group: metric.group ?? 'default',
    checks,
    ...(needMore === undefined ? {} : { needMore }),
    explanation: `${headline}${extras} ${outcome(status, checks, critical, needMore, 'samples')}`,
  };
}

/** Does the shift's confidence interval lie entirely on the harmless side of the effect size? */
export function excludesMaterial(
  direction: MetricConfig['direction'],
  low: number,
  high: number,
  delta: number,
): boolean {
  if (direction === 'increase') return high < delta;
  if (direction === 'decrease') return low > -delta;
  return high < delta && low > -delta;
}

function tailChecks(
  metric: MetricConfig,
  data: MetricSamples,
  settings: Settings,
  threshold: (alpha: number) => number,
  effect: number,
): CheckResult[] {
  const unit = metric.unit ? ` ${metric.unit}` : '';
  const sides = metric.direction === 'either' ? [true, false] : [metric.direction === 'increase'];
  const alpha = settings.tailAlpha / sides.length;
  const checks: CheckResult[] = [];
  for (const upper of sides) {
    const q = upper ? settings.tailQuantile : 1 - settings.tailQuantile;
    const test = tailTest(data.baseline, data.canary, q, settings.confidence);
    const label = `p${plain(q * 100)}`;
    // A tail change matters when it is large relatively and, if an absolute floor is set, in units.
    const absolute = test.canary.estimate - test.baseline.estimate;
    const material =
      isMaterial(upper ? 'increase' : 'decrease', test.relativeChange, effect) &&
      (metric.absoluteEffect === undefined ||
        isMaterial(upper ? 'increase' : 'decrease', absolute, metric.absoluteEffect));
    const p = test.p;
    const limit = threshold(alpha);
    checks.push({
      check: 'tail',
      p,
      threshold: limit,
      relativeChange: test.relativeChange,
      material,
      failed: material && p < limit,
      detail:
        `${label} ${signedPercent(test.relativeChange)} (baseline ${plain(test.baseline.low)}..${plain(test.baseline.high)}, ` +
        `canary ${plain(test.canary.low)}..${plain(test.canary.high)}${unit})`,
    });
  }
  const spread = spreadTest(data.baseline, data.canary);
  const spreadLimit = threshold(settings.tailAlpha);
  const material =
    spread.relativeChange > effect &&
    (metric.absoluteEffect === undefined || spread.absoluteChange > metric.absoluteEffect);
  checks.push({
    check: 'spread',
    p: spread.p,
    threshold: spreadLimit,
    relativeChange: spread.relativeChange,
    material,
    failed: material && spread.p < spreadLimit,
    detail: `spread ${signedPercent(spread.relativeChange)}`,
  });
  return checks;
}

/** IQR / 1.349 (the normal's sigma), or the standard deviation when the IQR is zero. */
function robustScale(values: Float64Array): number {
  const iqr = quantileOfSorted(values, 0.75) - quantileOfSorted(values, 0.25);
  return iqr > 0 ? iqr / 1.349 : Math.sqrt(variance(values));
}
