import { describe, expect, it } from 'vitest';
import { MetricsRecorder, renderPrometheus } from './metrics.js';
import { parsePrometheus } from './testing/prometheus.js';

describe('MetricsRecorder', () => {
  it('counts attempts and errors per version and keeps the most recent latencies in order', () => {
    const recorder = new MetricsRecorder(3);
    for (const [ms, error] of [
      [1, false],
      [2, false],
      [30, true],
      [400, false],
    ] as const) {
      recorder.start('v1');
      recorder.finish('v1', { error, latencyMs: ms });
    }
    recorder.start('v2');
    recorder.finish('v2', { error: true });
    recorder.start('v2');
    const { versions } = recorder.snapshot();
    expect(versions.v1).toMatchObject({ requests: 4, errors: 1, inFlight: 0, latenciesMs: [2, 30, 400] });
    expect(versions.v1?.histogram.count).toBe(4);
    expect(versions.v1?.histogram.sumSeconds).toBeCloseTo(0.433, 6);
    // Buckets are cumulative: 1 ms and 2 ms fall in le=0.005, 30 ms in le=0.05, 400 ms in le=0.5.
    expect(versions.v1?.histogram.cumulativeCounts).toEqual([2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4]);
    expect(versions.v2).toMatchObject({ requests: 2, errors: 1, inFlight: 1, latenciesMs: [] });
  });

  it('resets one version or all of them, keeping in-flight attempts', () => {
    const recorder = new MetricsRecorder(10);
    recorder.start('v1');
    recorder.start('v2');
    recorder.finish('v2', { error: false, latencyMs: 5 });
    recorder.noteUnrouted();
    recorder.reset('v2');
    expect(recorder.snapshot().versions.v2).toMatchObject({ requests: 0, latenciesMs: [] });
    expect(recorder.snapshot().unrouted).toBe(1);
    recorder.reset();
    expect(recorder.snapshot()).toMatchObject({
      unrouted: 0,
      versions: { v1: { requests: 0, inFlight: 1 } },
    });
  });
});

describe('renderPrometheus', () => {
  it('renders parseable text with consistent histograms and escaped labels', () => {
    const recorder = new MetricsRecorder(10);
    for (const ms of [3, 70, 20_000]) {
      recorder.start('v"1\\');
      recorder.finish('v"1\\', { error: false, latencyMs: ms });
    }
    const text = renderPrometheus(recorder.snapshot(), { 'v"1\\': 100 }, [
      { url: 'http://127.0.0.1:1', version: 'v"1\\', up: false, reason: 'ECONNREFUSED' },
    ]);
    const samples = parsePrometheus(text);
    const version = 'v"1\\';
    const buckets = samples.filter((s) => s.name === 'cara_proxy_request_duration_seconds_bucket');
    expect(buckets.every((s) => s.labels.version === version)).toBe(true);
    const values = buckets.map((s) => s.value);
    expect(values).toEqual([...values].sort((x, y) => x - y));
    expect(buckets.at(-1)).toMatchObject({ labels: { le: '+Inf' }, value: 3 });
    expect(buckets.find((s) => s.labels.le === '10')?.value).toBe(2);
    const find = (name: string) => samples.find((s) => s.name === name)?.value;
    expect(find('cara_proxy_request_duration_seconds_count')).toBe(3);
    expect(find('cara_proxy_requests_total')).toBe(3);
    expect(find('cara_proxy_weight')).toBe(100);
    expect(find('cara_proxy_instance_up')).toBe(0);
    expect(find('cara_proxy_unrouted_total')).toBe(0);
  });
});
