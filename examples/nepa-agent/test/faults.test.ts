import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../src/env.js';
import { drawLatency, seededRandom } from '../src/faults/index.js';
import { createTestApp } from './support/app.js';
import { openTestDatabase, type TestDatabase } from './support/database.js';

/** The value of one sample line of the Prometheus text format, or 0 when absent. */
function sample(metrics: string, name: string, labels: Record<string, string>): number {
  const line = metrics
    .split('\n')
    .find(
      (l) =>
        l.startsWith(`${name}{`) &&
        Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`)),
    );
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('fault knobs, as /metrics reports them', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('ERROR_RATE=1 fails every non-probe request and raises the error counter', async () => {
    const t = createTestApp(db.repository, { ERROR_RATE: '1' });
    const projects = await t.json<{ error: { code: string } }>('/projects');
    expect(projects.status).toBe(500);
    expect(projects.body.error.code).toBe('FAULT_INJECTED');
    expect((await t.request('/healthz')).status).toBe(200);
    expect((await t.request('/readyz')).status).toBe(200);
    const metrics = await t.metrics();
    expect(sample(metrics, 'http_request_errors_total', { route: '/projects', status: '500' })).toBe(1);
    expect(sample(metrics, 'http_request_errors_total', { route: '/healthz' })).toBe(0);
  });

  it('ERROR_RATE=0 leaves the error counter at zero', async () => {
    const t = createTestApp(db.repository, { ERROR_RATE: '0' });
    await t.request('/projects');
    expect(sample(await t.metrics(), 'http_request_errors_total', { route: '/projects' })).toBe(0);
  });

  it('ERROR_RATE draws are seeded: the same FAULT_SEED fails the same requests', async () => {
    const statuses = async (seed: string) => {
      const t = createTestApp(db.repository, { ERROR_RATE: '0.5', FAULT_SEED: seed });
      const result: number[] = [];
      for (let i = 0; i < 20; i++) result.push((await t.request('/projects')).status);
      return result;
    };
    const first = await statuses('42');
    expect(await statuses('42')).toEqual(first);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(3);
  });

  it('LATENCY_MS moves requests out of the fast histogram buckets', async () => {
    const fast = createTestApp(db.repository);
    const slow = createTestApp(db.repository, { LATENCY_MS: '150' });
    await fast.request('/projects');
    await slow.request('/projects');
    const labels = { route: '/projects', le: '0.1' };
    expect(sample(await fast.metrics(), 'http_request_duration_seconds_bucket', labels)).toBe(1);
    expect(sample(await slow.metrics(), 'http_request_duration_seconds_bucket', labels)).toBe(0);
    expect(
      sample(await slow.metrics(), 'http_request_duration_seconds_sum', { route: '/projects' }),
    ).toBeGreaterThanOrEqual(0.15);
  });

  it('LATENCY_JITTER_MS adds a seeded, bounded jitter', () => {
    const { config } = parseEnv({ LATENCY_MS: '100', LATENCY_JITTER_MS: '50' });
    const draws = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 50 }, () => drawLatency(config.faults, random));
    };
    const first = draws(3);
    expect(draws(3)).toEqual(first);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...first)).toBeLessThan(150);
    expect(new Set(first.map(Math.round)).size).toBeGreaterThan(10);
  });

  it('SERVICE_VERSION labels every metric and the x-service-version header', async () => {
    const t = createTestApp(db.repository, { SERVICE_VERSION: 'v2.3.1-canary' });
    const response = await t.request('/projects');
    expect(response.headers.get('x-service-version')).toBe('v2.3.1-canary');
    const notFound = await t.request('/missing');
    expect(notFound.headers.get('x-service-version')).toBe('v2.3.1-canary');
    const metrics = await t.metrics();
    expect(sample(metrics, 'http_requests_total', { route: '/projects', version: 'v2.3.1-canary' })).toBe(1);
    expect(sample(metrics, 'http_requests_total', { route: 'unmatched', version: 'v2.3.1-canary' })).toBe(1);
    expect(metrics).toContain('process_resident_memory_bytes');
  });
});
