import { judgeContinuous } from './metric-continuous.js';
import { judgeRate } from './metric-rate.js';
import type {
  Decision,
  JudgeConfig,
  MetricSamples,
  MetricStatus,
  MetricVerdict,
  RateSamples,
  Verdict,
} from './types.js';
import { checkData, resolveSettings } from './validate.js';

/**
 * Judges a canary against its baseline for one analysis interval (look).
 * Every metric gets a pass / fail / inconclusive verdict with a one-line explanation; the score is
 * the weighted % of passing metrics per group (Kayenta's scheme). A failing critical metric fails
 * the canary. Inconclusive metrics make the decision inconclusive unless it is the same whether
 * they pass or fail.
 */
export function judge(
  config: JudgeConfig,
  data: Readonly<Record<string, MetricSamples | RateSamples>>,
): Verdict {
  const settings = resolveSettings(config);
  checkData(config, data);
  const metrics = config.metrics.map((metric) => {
    const entry = data[metric.name] as MetricSamples | RateSamples;
    return metric.kind === 'rate'
      ? judgeRate(metric, entry as RateSamples, settings)
      : judgeContinuous(metric, entry as MetricSamples, settings);
  });
  const score = weightedScore(metrics, settings.groups, (s) => s !== 'fail');
  const worstScore = weightedScore(metrics, settings.groups, (s) => s === 'pass');
  const classify = (value: number): Decision =>
    value < config.marginal ? 'fail' : value < config.pass ? 'marginal' : 'pass';
  let decision: Decision;
  if (metrics.some((m) => m.critical && m.status === 'fail')) decision = 'fail';
  else if (metrics.some((m) => m.critical && m.status === 'inconclusive'))
    decision = classify(score) === 'fail' ? 'fail' : 'inconclusive';
  else decision = classify(score) === classify(worstScore) ? classify(score) : 'inconclusive';
  const look = settings.look;
  const lookNote = look.planned > 1 ? `, look ${look.index}/${look.planned}` : '';
  const range = worstScore < score ? ` (${round(worstScore)} if the inconclusive metrics fail)` : '';
  const headline =
    `${decision.toUpperCase()}: score ${round(score)}${range}, pass >= ${config.pass}, ` +
    `marginal >= ${config.marginal}${lookNote}`;
  return {
    decision,
    score,
    worstScore,
    metrics,
    look,
    summary: [headline, ...metrics.map((m) => `  ${m.explanation}`)].join('\n'),
  };
}

/** 100 * sum over groups of weight * (share of the group's metrics counted as passing) / total weight. */
function weightedScore(
  metrics: readonly MetricVerdict[],
  groups: Readonly<Record<string, number>>,
  passes: (status: MetricStatus) => boolean,
): number {
  let weighted = 0;
  let totalWeight = 0;
  for (const [group, weight] of Object.entries(groups)) {
    const members = metrics.filter((m) => m.group === group);
    if (members.length === 0) continue;
    weighted += (weight * members.filter((m) => passes(m.status)).length) / members.length;
    totalWeight += weight;
  }
  return totalWeight > 0 ? (100 * weighted) / totalWeight : 100;
}

function round(value: number): string {
  return Number(value.toFixed(1)).toString();
}
