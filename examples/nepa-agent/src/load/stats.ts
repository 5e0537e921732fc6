/** The load run's summary: counts by status and kind, latency percentiles, achieved rate. */
import type { RequestKind } from './requests.js';

export interface LatencySummary {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadSummary {
  url: string;
  targetRps: number;
  durationS: number;
  seed: number;
  sent: number;
  completed: number;
  /** Status code (or "network-error") to count. */
  statuses: Record<string, number>;
  byKind: Partial<Record<RequestKind, { sent: number; statuses: Record<string, number> }>>;
  /** Milliseconds, over completed requests. */
  latencyMs: LatencySummary;
  achievedRps: number;
  errorRate: number;
}

export interface Sample {
  kind: RequestKind;
  status: string;
  latencyMs: number;
}

/** The nearest-rank percentile of sorted values (0 for none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Summarises the samples of a run. */
export function summarise(
  run: Pick<LoadSummary, 'url' | 'targetRps' | 'durationS' | 'seed'>,
  samples: readonly Sample[],
  elapsedMs: number,
): LoadSummary {
  const statuses: Record<string, number> = {};
  const byKind: LoadSummary['byKind'] = {};
  for (const sample of samples) {
    statuses[sample.status] = (statuses[sample.status] ?? 0) + 1;
    const kind = byKind[sample.kind] ?? { sent: 0, statuses: {} };
    kind.sent++;
    kind.statuses[sample.status] = (kind.statuses[sample.status] ?? 0) + 1;
    byKind[sample.kind] = kind;
  }
  const latencies = samples.map((s) => s.latencyMs).sort((a, b) => a - b);
  const failed = samples.filter((s) => s.status === 'network-error' || Number(s.status) >= 500).length;
  return {
    ...run,
    sent: samples.length,
    completed: samples.filter((s) => s.status !== 'network-error').length,
    statuses,
    byKind,
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies[latencies.length - 1] ?? 0),
      mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    },
    achievedRps: round(samples.length / Math.max(0.001, elapsedMs / 1000)),
    errorRate: samples.length === 0 ? 0 : Math.round((failed / samples.length) * 1000) / 1000,
  };
}

/** The summary as a few human lines. */
export function formatSummary(summary: LoadSummary): string {
  const statuses = Object.entries(summary.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status}=${count}`)
    .join(' ');
  const l = summary.latencyMs;
  return [
    `load ${summary.url}: ${summary.sent} sent at ${summary.achievedRps}/s (target ${summary.targetRps}/s for ${summary.durationS}s, seed ${summary.seed})`,
    `status  ${statuses || 'none'}  (error rate ${(summary.errorRate * 100).toFixed(1)}%)`,
    `latency ms  p50 ${l.p50}  p90 ${l.p90}  p95 ${l.p95}  p99 ${l.p99}  max ${l.max}  mean ${l.mean}`,
  ].join('\n');
}
