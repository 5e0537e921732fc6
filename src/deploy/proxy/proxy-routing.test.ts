import http from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { deferred, send } from './testing/backends.js';
import { countBodies, pool, sendMany, useProxyFixture } from './testing/fixture.js';
import { parsePrometheus } from './testing/prometheus.js';

const fixture = useProxyFixture();
/** Generous: the machine is shared; the assertion is about the outcome, not the time. */
const WAIT = { timeout: 10_000 };

describe('weighted routing', () => {
  it('splits 2,000 requests 90/10 by version and round-robins inside a version', async () => {
    const [a, b, c] = [await fixture.backend('v1'), await fixture.backend('v1'), await fixture.backend('v2')];
    const proxy = await fixture.proxy({ backends: [pool('v1', 90, [a, b]), pool('v2', 10, [c])] });
    const answers = await sendMany(proxy.url, 2_000, { agent: fixture.keepAlive(16), concurrency: 20 });
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const counts = countBodies(answers);
    expect(counts.v2).toBeGreaterThanOrEqual(180);
    expect(counts.v2).toBeLessThanOrEqual(220);
    expect((counts.v1 ?? 0) + (counts.v2 ?? 0)).toBe(2_000);
    expect(Math.abs(a.seen.length - b.seen.length)).toBeLessThanOrEqual(20);
    expect(answers.every((r) => r.headers['x-cara-version'] === r.body)).toBe(true);
  });

  it('applies new weights to new requests while an in-flight request finishes on its backend', async () => {
    const [v1, v2] = [await fixture.backend('v1'), await fixture.backend('v2')];
    const arrived = deferred();
    const release = deferred();
    v1.handle((req, res) => {
      if (req.url !== '/slow') return void res.end('v1');
      res.write('part-');
      arrived.resolve();
      void release.promise.then(() => res.end('done'));
    });
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [v1]), pool('v2', 0, [v2])] });
    const slow = send(proxy.url, '/slow');
    await arrived.promise;
    proxy.setBackends([pool('v1', 0, [v1]), pool('v2', 100, [v2])]);
    expect(proxy.weights()).toEqual({ v1: 0, v2: 100 });
    expect(countBodies(await sendMany(proxy.url, 10))).toEqual({ v2: 10 });
    expect(proxy.metrics().versions.v1?.inFlight).toBe(1);
    release.resolve();
    const answer = await slow;
    expect(answer).toMatchObject({ status: 200, body: 'part-done' });
    expect(answer.headers['x-cara-version']).toBe('v1');
  });

  it('keeps client keep-alive connections working across weight changes', async () => {
    const [v1, v2] = [await fixture.backend('v1'), await fixture.backend('v2')];
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [v1]), pool('v2', 0, [v2])] });
    const agent = fixture.keepAlive(1);
    const before = await sendMany(proxy.url, 3, { agent });
    proxy.setBackends([pool('v1', 50, [v1]), pool('v2', 50, [v2])]);
    const during = await sendMany(proxy.url, 4, { agent });
    proxy.setBackends([pool('v1', 0, [v1]), pool('v2', 100, [v2])]);
    const after = await sendMany(proxy.url, 3, { agent });
    expect(countBodies(before)).toEqual({ v1: 3 });
    expect(countBodies(during)).toEqual({ v1: 2, v2: 2 });
    expect(countBodies(after)).toEqual({ v2: 3 });
    // One client connection carried all ten requests.
    expect([...before, ...during, ...after].filter((r) => r.reusedSocket)).toHaveLength(9);
  });

  it('rejects invalid weights and keeps routing on the previous ones', async () => {
    const [v1, v2] = [await fixture.backend('v1'), await fixture.backend('v2')];
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [v1]), pool('v2', 0, [v2])] });
    expect(() => proxy.setBackends([pool('v1', 90, [v1]), pool('v2', 20, [v2])])).toThrow(CaraError);
    expect(() => proxy.setBackends([pool('v1', 90.5, [v1]), pool('v2', 9.5, [v2])])).toThrow(
      /integer 0\.\.100/,
    );
    expect(proxy.weights()).toEqual({ v1: 100, v2: 0 });
    expect(countBodies(await sendMany(proxy.url, 5))).toEqual({ v1: 5 });
  });
});

describe('stickiness', () => {
  it('keeps a header or cookie value on one version while that version has weight', async () => {
    const [v1, v2] = [await fixture.backend('v1'), await fixture.backend('v2')];
    const proxy = await fixture.proxy({
      backends: [pool('v1', 50, [v1]), pool('v2', 50, [v2])],
      sticky: { header: 'X-User', cookie: 'uid' },
    });
    const users = Array.from({ length: 20 }, (_, i) => `user-${i}`);
    const byHeader = (user: string) => send(proxy.url, '/', { headers: { 'x-user': user } });
    const byCookie = (user: string) =>
      send(proxy.url, '/', { headers: { cookie: `theme=dark; uid=${user}` } });
    const first = new Map<string, string>();
    for (const user of users) first.set(user, (await byHeader(user)).body);
    expect(new Set(first.values())).toEqual(new Set(['v1', 'v2']));
    proxy.setBackends([pool('v1', 80, [v1]), pool('v2', 20, [v2])]);
    for (const user of users) {
      for (let i = 0; i < 3; i++) expect((await byHeader(user)).body).toBe(first.get(user));
      expect((await byCookie(user)).body).toBe(first.get(user));
    }
    proxy.setBackends([pool('v1', 100, [v1]), pool('v2', 0, [v2])]);
    for (const user of users) expect((await byHeader(user)).body).toBe('v1');
  });
});

describe('streaming and headers', () => {
  it('streams the response before the backend finishes and the request body before the client finishes', async () => {
    const backend = await fixture.backend('v1');
    const firstChunkSeen = deferred();
    backend.handle((req, res) => {
      req.once('data', () => {
        firstChunkSeen.resolve();
        res.write('hello ');
        req.on('end', () => res.end('world'));
        req.resume();
      });
    });
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [backend])] });
    const text = await new Promise<string>((resolve, reject) => {
      const request = http.request(`${proxy.url}/upload`, { method: 'POST' }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          // The first response chunk arrived while the request body is still open.
          if (body === '') request.end('second');
          body += chunk;
        });
        res.on('end', () => resolve(body));
      });
      request.on('error', reject);
      request.write('first');
    });
    await firstChunkSeen.promise;
    expect(text).toBe('hello world');
  });

  it('sets forwarding headers and drops hop-by-hop headers both ways', async () => {
    const backend = await fixture.backend('v1');
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [backend])] });
    const answer = await send(proxy.url, '/echo?q=1', {
      method: 'PUT',
      body: 'payload',
      headers: {
        connection: 'x-drop',
        'x-drop': '1',
        'proxy-authorization': 'Basic c2VjcmV0',
        'x-forwarded-for': '10.0.0.1',
        'x-kept': 'yes',
      },
    });
    const seen = JSON.parse(answer.body) as { method: string; headers: Record<string, string>; body: string };
    expect(seen.method).toBe('PUT');
    expect(seen.body).toBe('payload');
    expect(seen.headers).toMatchObject({
      'x-forwarded-for': '10.0.0.1, 127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': `127.0.0.1:${proxy.port}`,
      host: `127.0.0.1:${proxy.port}`,
      'x-kept': 'yes',
    });
    expect(seen.headers['x-drop']).toBeUndefined();
    expect(seen.headers['proxy-authorization']).toBeUndefined();
    expect(backend.seen).toEqual(['/echo?q=1']);
  });
});

describe('metrics', () => {
  it('counts requests, errors and latencies per version and serves them on /__cara/metrics', async () => {
    const [v1, v2] = [await fixture.backend('v1'), await fixture.backend('v2')];
    v2.handle((req, res) => {
      res.statusCode = req.url === '/fail' ? 500 : 200;
      res.end('v2');
    });
    const proxy = await fixture.proxy({ backends: [pool('v1', 50, [v1]), pool('v2', 50, [v2])] });
    await sendMany(proxy.url, 10);
    proxy.setBackends([pool('v1', 0, [v1]), pool('v2', 100, [v2])]);
    expect((await sendMany(proxy.url, 3, { path: '/fail' })).map((r) => r.status)).toEqual([500, 500, 500]);
    await vi.waitFor(() => {
      expect(proxy.metrics().versions.v1).toMatchObject({ requests: 5, errors: 0, inFlight: 0 });
      expect(proxy.metrics().versions.v2).toMatchObject({ requests: 8, errors: 3, inFlight: 0 });
    }, WAIT);
    const { versions } = proxy.metrics();
    expect(versions.v1?.latenciesMs).toHaveLength(5);
    expect(versions.v2?.histogram.count).toBe(8);
    expect(versions.v2?.latenciesMs.every((ms) => ms >= 0)).toBe(true);

    const scraped = await send(proxy.url, '/__cara/metrics');
    expect(scraped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheus(scraped.body);
    const value = (name: string, version: string) =>
      samples.find((s) => s.name === name && s.labels.version === version)?.value;
    expect(value('cara_proxy_requests_total', 'v2')).toBe(8);
    expect(value('cara_proxy_errors_total', 'v2')).toBe(3);
    expect(value('cara_proxy_request_duration_seconds_count', 'v1')).toBe(5);
    expect(value('cara_proxy_weight', 'v2')).toBe(100);
    expect(parsePrometheus(proxy.metricsText()).length).toBe(samples.length);

    proxy.resetMetrics('v2');
    expect(proxy.metrics().versions.v2).toMatchObject({ requests: 0, errors: 0, latenciesMs: [] });
  });

  it('answers /__cara/weights itself and never forwards the /__cara/ prefix', async () => {
    const backend = await fixture.backend('v1');
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [backend])] });
    const weights = await send(proxy.url, '/__cara/weights');
    expect(JSON.parse(weights.body)).toEqual(proxy.status());
    expect(proxy.status().versions[0]).toMatchObject({
      version: 'v1',
      weight: 100,
      instances: [{ up: true }],
    });
    expect((await send(proxy.url, '/__cara/other')).status).toBe(404);
    expect((await send(proxy.url, '/__cara/metrics', { method: 'POST' })).status).toBe(405);
    expect(backend.seen).toEqual([]);
  });
});
