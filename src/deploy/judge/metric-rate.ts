import { lookText, outcome, pVersus } from './explain.js';
import { excludesMaterial, isMaterial } from './metric-continuous.js';
import { trialsForRates } from './power.js';
import { rateDifferenceInterval, rateTest } from './rates.js';
import { lookThreshold } from './spending.js';
import { relativeTo } from './tail.js';
import type { CheckResult, MetricConfig, MetricVerdict, RateCounts, RateSamples } from './types.js';
import type { Settings } from './validate.js';

/** Default smallest rate difference that matters when the relative one is smaller (0.1 percentage points). */
export const DEFAULT_ABSOLUTE_RATE_EFFECT = 0.001;

const percent = (counts: RateCounts) =>
  `${((100 * counts.events) / counts.trials).toFixed(2)}% (${counts.events}/${counts.trials})`;

/**
 * Judges one rate metric with Fisher's exact test on events out of trials, so a zero baseline
 * still gives a valid p-value, gated by the effect size (relative to the baseline rate, with an
 * absolute floor) and guarded by the trials needed to see that effect.
 */
export function judgeRate(metric: MetricConfig, data: RateSamples, settings: Settings): MetricVerdict {
  const { look } = settings;
  const baseRate = data.baseline.events / data.baseline.trials;
  const canaryRate = data.canary.events / data.canary.trials;
  const delta = Math.max(
    (metric.effectSize ?? 0.05) * baseRate,
    metric.absoluteEffect ?? DEFAULT_ABSOLUTE_RATE_EFFECT,
  );
  const difference = canaryRate - baseRate;
  const check: CheckResult = {
    check: 'rate',
    p: rateTest(data.canary, data.baseline, metric.direction),
    threshold: lookThreshold(settings.alpha, look.index, look.planned, settings.spending),
    relativeChange: relativeTo(canaryRate, baseRate),
    material: isMaterial(metric.direction, difference, delta),
    failed: false,
    detail: `${difference >= 0 ? '+' : ''}${(difference * 100).toFixed(2)} pp`,
  };
  check.failed = check.material && check.p < check.threshold;

  const worse =
    metric.direction === 'decrease' ? Math.max(0, baseRate - delta) : Math.min(1, baseRate + delta);
  const needed = trialsForRates(baseRate, worse, settings.alpha, settings.power);
  // Enough trials is either the planned number or an interval of the rate difference that already
  // rules out a material regression (e.g. a canary clearly better than a degraded baseline).
  const interval = rateDifferenceInterval(data.canary, data.baseline, settings.confidence);
  const ruledOut = excludesMaterial(metric.direction, interval.low, interval.high, delta);
  const short = ruledOut ? 0 : needed - Math.min(data.baseline.trials, data.canary.trials);
  const status = check.failed ? 'fail' : short > 0 ? 'inconclusive' : 'pass';
  const critical = metric.critical === true;
  const needMore = status === 'inconclusive' ? short : undefined;
  const line =
    `${metric.name}: canary ${percent(data.canary)} vs baseline ${percent(data.baseline)}, ${check.detail}, ` +
    `Fisher ${pVersus(check)}${lookText(look)}`;
  return {
    name: metric.name,
    status,
    critical,
    group: metric.group ?? 'default',
    checks: [check],
    ...(needMore === undefined ? {} : { needMore }),
    explanation: `${line} ${outcome(status, [check], critical, needMore, 'trials')}`,
  };
}
