import { describe, expect, it, vi } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { send } from './testing/backends.js';
import { countBodies, pool, sendMany, useProxyFixture } from './testing/fixture.js';

const fixture = useProxyFixture();

function errorCode(body: string): unknown {
  return (JSON.parse(body) as { error: { code: string } }).error.code;
}

describe('dead instances', () => {
  it('retries idempotent requests around killed instances so no client sees an error', async () => {
    const [a, b, c] = [await fixture.backend('v1'), await fixture.backend('v1'), await fixture.backend('v2')];
    const proxy = await fixture.proxy({ backends: [pool('v1', 90, [a, b]), pool('v2', 10, [c])] });
    const agent = fixture.keepAlive(4);
    // Warm up so the proxy holds keep-alive sockets to every instance.
    await sendMany(proxy.url, 20, { agent, concurrency: 4 });
    expect(c.seen.length).toBeGreaterThan(0);
    await a.kill();
    await c.kill();
    const answers = await sendMany(proxy.url, 60, { agent, concurrency: 4 });
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    expect(countBodies(answers)).toEqual({ v1: 60 });
    const down = proxy.status().versions.flatMap((v) => v.instances.filter((i) => !i.up).map((i) => i.url));
    expect(down.sort()).toEqual([a.url, c.url].sort());
    expect(proxy.metrics().versions.v2?.errors).toBeGreaterThan(0);
  });

  it('retries a GET whose backend drops the connection mid-request and marks that instance down', async () => {
    const [bad, good] = [await fixture.backend('v1'), await fixture.backend('v1')];
    bad.handle((req) => req.socket.destroy());
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [bad, good])] });
    const answers = await sendMany(proxy.url, 10);
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    expect(bad.seen).toHaveLength(1);
    expect(good.seen).toHaveLength(10);
    expect(proxy.status().versions[0]?.instances[0]).toMatchObject({ url: bad.url, up: false });
  });

  it('does not retry a POST the backend may have received, and answers 502', async () => {
    const [bad, good] = [await fixture.backend('v1'), await fixture.backend('v1')];
    bad.handle((req) => req.socket.destroy());
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [bad, good])] });
    const answer = await send(proxy.url, '/echo', { method: 'POST', body: 'order-42' });
    expect(answer.status).toBe(502);
    expect(errorCode(answer.body)).toBe('BACKEND_FAILED');
    expect(good.seen).toEqual([]);
  });

  it('retries a POST whose connection was refused, delivering the whole body elsewhere', async () => {
    const [dead, good] = [await fixture.backend('v1'), await fixture.backend('v1')];
    await dead.kill();
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [dead, good])] });
    const answer = await send(proxy.url, '/echo', { method: 'POST', body: 'order-42' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ method: 'POST', body: 'order-42' });
    expect(proxy.status().versions[0]?.instances[0]).toMatchObject({ up: false, reason: 'ECONNREFUSED' });
  });

  it('answers 503 with a JSON error when no healthy backend is left', async () => {
    const [a, b] = [await fixture.backend('v1'), await fixture.backend('v2')];
    const proxy = await fixture.proxy({ backends: [pool('v1', 50, [a]), pool('v2', 50, [b])] });
    await a.kill();
    await b.kill();
    const answers = await sendMany(proxy.url, 3);
    expect(answers.map((r) => r.status)).toEqual([503, 503, 503]);
    expect(answers[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(errorCode(answers[2]?.body ?? '{}')).toBe('NO_HEALTHY_BACKEND');
    expect(proxy.metrics().unrouted).toBe(3);
  });

  it('answers 503 before any backends are set', async () => {
    const proxy = await fixture.proxy({});
    expect((await send(proxy.url, '/')).status).toBe(503);
  });

  it('answers 504 when the backend does not answer in time, keeping the instance in rotation', async () => {
    const hung = await fixture.backend('v1');
    hung.handle(() => {});
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [hung])], backendTimeoutMs: 200 });
    const answer = await send(proxy.url, '/');
    expect(answer.status).toBe(504);
    expect(errorCode(answer.body)).toBe('BACKEND_TIMEOUT');
    expect(hung.seen).toHaveLength(1);
    expect(proxy.status().versions[0]?.instances[0]?.up).toBe(true);
    expect(proxy.metrics().versions.v1).toMatchObject({ requests: 1, errors: 1 });
  });

  it('takes instances out of rotation by hand', async () => {
    const [a, b] = [await fixture.backend('v1'), await fixture.backend('v1')];
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [a, b])] });
    expect(proxy.markDown(`${a.url}/`)).toBe(true);
    expect(proxy.markDown('http://127.0.0.1:1')).toBe(false);
    await sendMany(proxy.url, 4);
    expect(a.seen).toEqual([]);
    expect(proxy.markUp(a.url)).toBe(true);
    await sendMany(proxy.url, 4);
    expect(a.seen).toHaveLength(2);
  });
});

describe('active health checks', () => {
  it('marks instances down and up from the health path', async () => {
    const [a, b] = [await fixture.backend('v1'), await fixture.backend('v1')];
    let healthy = false;
    a.handle((req, res) => {
      res.statusCode = req.url === '/healthz' && !healthy ? 503 : 200;
      res.end('v1');
    });
    const proxy = await fixture.proxy({
      backends: [pool('v1', 100, [a, b])],
      healthCheck: { path: '/healthz', intervalMs: 0 },
    });
    await proxy.checkHealth();
    expect(proxy.status().versions[0]?.instances.map((i) => [i.up, i.reason])).toEqual([
      [false, 'health 503'],
      [true, undefined],
    ]);
    await sendMany(proxy.url, 4);
    expect(a.seen.filter((path) => path === '/')).toEqual([]);
    healthy = true;
    await proxy.checkHealth();
    expect(proxy.status().versions[0]?.instances[0]?.up).toBe(true);
    await b.kill();
    await proxy.checkHealth();
    expect(proxy.status().versions[0]?.instances[1]).toMatchObject({
      up: false,
      reason: 'health ECONNREFUSED',
    });
  });

  it('runs checks on a timer when an interval is set', async () => {
    const [a, b] = [await fixture.backend('v1'), await fixture.backend('v1')];
    await b.kill();
    const timed = await fixture.proxy({
      backends: [pool('v1', 100, [a, b])],
      healthCheck: { path: '/', intervalMs: 20 },
    });
    await vi.waitFor(() => expect(timed.status().versions[0]?.instances[1]?.up).toBe(false), {
      timeout: 10_000,
    });
  });

  it('refuses checkHealth() without a configured health check', async () => {
    const proxy = await fixture.proxy({});
    await expect(proxy.checkHealth()).rejects.toBeInstanceOf(CaraError);
  });
});
