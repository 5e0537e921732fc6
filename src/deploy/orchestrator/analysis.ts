import type { JudgeConfig, MetricConfig, MetricSamples, RateSamples, Verdict } from '../judge/index.js';
import { judge } from '../judge/index.js';
import type { ProxyMetrics, VersionMetrics } from '../proxy/index.js';
import type { AnalysisPlan, AnalysisSource, BaselineSnapshot } from './types.js';

/** The judge's config for one look of a plan. */
export function judgeConfig(plan: AnalysisPlan, look: number): JudgeConfig {
  const metrics: MetricConfig[] = plan.metrics.map((m) => ({
    name: m.name,
    kind: m.name === 'errors' ? 'rate' : 'continuous',
    direction: m.direction,
    ...(m.effectSize !== undefined ? { effectSize: m.effectSize } : {}),
    ...(m.absoluteEffect !== undefined ? { absoluteEffect: m.absoluteEffect } : {}),
    ...(m.critical !== undefined ? { critical: m.critical } : {}),
    ...(m.tail !== undefined && m.name === 'latency' ? { tail: m.tail } : {}),
    ...(m.group !== undefined ? { group: m.group } : {}),
    ...(m.name === 'latency' ? { unit: 'ms' } : {}),
  }));
  const groups = [...new Set(metrics.map((m) => m.group ?? 'default'))];
  return {
    metrics,
    ...(groups.length > 1 || groups[0] !== 'default'
      ? { groups: Object.fromEntries(groups.map((g) => [g, 1])) }
      : {}),
    pass: plan.pass,
    marginal: plan.marginal,
    alpha: plan.alpha,
    tailQuantile: plan.tailQuantile ?? 0.99,
    look: { index: Math.max(1, look), planned: Math.max(1, plan.looks, look) },
  };
}

const EMPTY: BaselineSnapshot = { latenciesMs: [], requests: 0, errors: 0 };

function snapshotOf(metrics: VersionMetrics | undefined): BaselineSnapshot {
  if (!metrics) return EMPTY;
  return { latenciesMs: metrics.latenciesMs, requests: metrics.requests, errors: metrics.errors };
}

/** Baseline and canary samples of an interval, by where the analysis looks. */
export function intervalSamples(
  source: AnalysisSource,
  metrics: { main: ProxyMetrics; preview?: ProxyMetrics },
  stable: string,
  candidate: string,
  kept: BaselineSnapshot | undefined,
): { baseline: BaselineSnapshot; canary: BaselineSnapshot } {
  const baseline = source === 'post-switch' ? (kept ?? EMPTY) : snapshotOf(metrics.main.versions[stable]);
  const canary =
    source === 'preview'
      ? snapshotOf(metrics.preview?.versions[candidate])
      : snapshotOf(metrics.main.versions[candidate]);
  return { baseline, canary };
}

/**
 * Judges one interval; latency from the latency samples, errors as failed out of all requests.
 * A metric without samples on a side is left out and named; with none left the verdict is
 * inconclusive (the caller extends the interval).
 */
export function judgeInterval(
  plan: AnalysisPlan,
  look: number,
  samples: { baseline: BaselineSnapshot; canary: BaselineSnapshot },
): Verdict {
  const data: Record<string, MetricSamples | RateSamples> = {};
  const missing: string[] = [];
  for (const metric of plan.metrics) {
    if (metric.name === 'errors') {
      if (samples.baseline.requests === 0 || samples.canary.requests === 0) missing.push(metric.name);
      else
        data[metric.name] = {
          baseline: { events: samples.baseline.errors, trials: samples.baseline.requests },
          canary: { events: samples.canary.errors, trials: samples.canary.requests },
        };
    } else if (samples.baseline.latenciesMs.length === 0 || samples.canary.latenciesMs.length === 0) {
      missing.push(metric.name);
    } else {
      data[metric.name] = { baseline: samples.baseline.latenciesMs, canary: samples.canary.latenciesMs };
    }
  }
  const noData = (name: string) =>
    `${name}: no samples (baseline ${samples.baseline.requests}, canary ${samples.canary.requests} requests)`;
  const config = judgeConfig(plan, look);
  if (missing.length === plan.metrics.length) {
    return {
      decision: 'inconclusive',
      score: 0,
      worstScore: 0,
      metrics: [],
      look: config.look ?? { index: 1, planned: 1 },
      summary: [
        'INCONCLUSIVE: no traffic reached both versions',
        ...missing.map((m) => `  ${noData(m)}`),
      ].join('\n'),
    };
  }
  const verdict = judge(
    { ...config, metrics: config.metrics.filter((m) => !missing.includes(m.name)) },
    data,
  );
  if (missing.length === 0) return verdict;
  return { ...verdict, summary: [verdict.summary, ...missing.map((m) => `  ${noData(m)}`)].join('\n') };
}

/** At most `max` of the latest samples, for keeping a baseline in the deployment record. */
export function keepBaseline(snapshot: BaselineSnapshot, max = 5000): BaselineSnapshot {
  return { ...snapshot, latenciesMs: snapshot.latenciesMs.slice(-max) };
}
