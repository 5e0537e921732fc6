import type { InstanceStatus, LatencyHistogram, ProxyMetrics, VersionMetrics } from './types.js';

/** Prometheus' default histogram buckets, in seconds. */
export const DEFAULT_BUCKETS_SECONDS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

class VersionRecord {
  requests = 0;
  errors = 0;
  inFlight = 0;
  /** Per-bucket (not cumulative) counts; cumulated on read. */
  private readonly bucketCounts: number[];
  private sumSeconds = 0;
  private count = 0;
  private readonly ring: number[] = [];
  private ringNext = 0;

  constructor(private readonly window: number) {
    this.bucketCounts = DEFAULT_BUCKETS_SECONDS.map(() => 0);
  }

  observe(latencyMs: number): void {
    const seconds = latencyMs / 1000;
    const bucket = DEFAULT_BUCKETS_SECONDS.findIndex((le) => seconds <= le);
    if (bucket >= 0) this.bucketCounts[bucket] = (this.bucketCounts[bucket] ?? 0) + 1;
    this.sumSeconds += seconds;
    this.count++;
    if (this.window <= 0) return;
    if (this.ring.length < this.window) {
      this.ring.push(latencyMs);
    } else {
      this.ring[this.ringNext] = latencyMs;
      this.ringNext = (this.ringNext + 1) % this.window;
    }
  }

  snapshot(): VersionMetrics {
    let running = 0;
    const histogram: LatencyHistogram = {
      boundsSeconds: DEFAULT_BUCKETS_SECONDS,
      cumulativeCounts: this.bucketCounts.map((n) => {
        running += n;
        return running;
      }),
      sumSeconds: this.sumSeconds,
      count: this.count,
    };
    const latenciesMs = [...this.ring.slice(this.ringNext), ...this.ring.slice(0, this.ringNext)];
    return { requests: this.requests, errors: this.errors, inFlight: this.inFlight, latenciesMs, histogram };
  }
}

/** How one attempt ended, as the recorder needs it. */
export interface AttemptOutcome {
  /** True for 5xx answers, connection failures, timeouts and broken response streams. */
  error: boolean;
  /** Set when a response was delivered; failed connections carry no latency. */
  latencyMs?: number;
}

/**
 * Per-version counters, a Prometheus histogram and a ring of recent raw latencies; the ring is
 * what the judge's rank tests compare, the histogram is what dashboards scrape.
 */
export class MetricsRecorder {
  private readonly versions = new Map<string, VersionRecord>();
  private unrouted = 0;

  constructor(private readonly latencyWindow: number) {}

  /** Counts an attempt as started; call `finish` exactly once afterwards. */
  start(version: string): void {
    const record = this.record(version);
    record.requests++;
    record.inFlight++;
  }

  finish(version: string, outcome: AttemptOutcome): void {
    const record = this.record(version);
    record.inFlight = Math.max(0, record.inFlight - 1);
    if (outcome.error) record.errors++;
    if (outcome.latencyMs !== undefined) record.observe(outcome.latencyMs);
  }

  noteUnrouted(): void {
    this.unrouted++;
  }

  reset(version?: string): void {
    if (version === undefined) {
      for (const [name, record] of this.versions) this.versions.set(name, this.fresh(record));
      this.unrouted = 0;
      return;
    }
    const record = this.versions.get(version);
    if (record !== undefined) this.versions.set(version, this.fresh(record));
  }

  snapshot(): ProxyMetrics {
    const versions: Record<string, VersionMetrics> = {};
    for (const [name, record] of this.versions) versions[name] = record.snapshot();
    return { versions, unrouted: this.unrouted };
  }

  private fresh(old: VersionRecord): VersionRecord {
    const record = new VersionRecord(this.latencyWindow);
    record.inFlight = old.inFlight;
    return record;
  }

  private record(version: string): VersionRecord {
    let record = this.versions.get(version);
    if (record === undefined) {
      record = new VersionRecord(this.latencyWindow);
      this.versions.set(version, record);
    }
    return record;
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatNumber(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  return Number.isFinite(value) ? String(value) : 'NaN';
}

/**
 * Renders the metrics, weights and instance health in the Prometheus text format (0.0.4), the
 * form `GET /__cara/metrics` serves.
 */
export function renderPrometheus(
  metrics: ProxyMetrics,
  weights: Record<string, number>,
  instances: readonly InstanceStatus[],
): string {
  const lines: string[] = [];
  const family = (name: string, type: string, help: string): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  };
  const entries = Object.entries(metrics.versions);
  const label = (version: string): string => `version="${escapeLabel(version)}"`;

  family('cara_proxy_requests_total', 'counter', 'Attempts forwarded to a version (retries count again).');
  for (const [v, m] of entries) lines.push(`cara_proxy_requests_total{${label(v)}} ${m.requests}`);
  family('cara_proxy_errors_total', 'counter', 'Attempts ending in 5xx, connection failure or timeout.');
  for (const [v, m] of entries) lines.push(`cara_proxy_errors_total{${label(v)}} ${m.errors}`);
  family('cara_proxy_in_flight', 'gauge', 'Attempts currently running.');
  for (const [v, m] of entries) lines.push(`cara_proxy_in_flight{${label(v)}} ${m.inFlight}`);
  family('cara_proxy_request_duration_seconds', 'histogram', 'Request start to last response byte.');
  for (const [v, m] of entries) {
    const h = m.histogram;
    h.boundsSeconds.forEach((le, i) => {
      lines.push(
        `cara_proxy_request_duration_seconds_bucket{${label(v)},le="${formatNumber(le)}"} ${h.cumulativeCounts[i] ?? 0}`,
      );
    });
    lines.push(`cara_proxy_request_duration_seconds_bucket{${label(v)},le="+Inf"} ${h.count}`);
    lines.push(`cara_proxy_request_duration_seconds_sum{${label(v)}} ${formatNumber(h.sumSeconds)}`);
    lines.push(`cara_proxy_request_duration_seconds_count{${label(v)}} ${h.count}`);
  }
  family('cara_proxy_weight', 'gauge', 'Routing weight of a version, percent.');
  for (const [v, w] of Object.entries(weights)) lines.push(`cara_proxy_weight{${label(v)}} ${w}`);
  family('cara_proxy_instance_up', 'gauge', '1 when the instance is in rotation.');
  for (const i of instances) {
    lines.push(
      `cara_proxy_instance_up{${label(i.version)},instance="${escapeLabel(i.url)}"} ${i.up ? 1 : 0}`,
    );
  }
  family('cara_proxy_unrouted_total', 'counter', 'Requests answered 503: no healthy backend.');
  lines.push(`cara_proxy_unrouted_total ${metrics.unrouted}`);
  return `${lines.join('\n')}\n`;
}
