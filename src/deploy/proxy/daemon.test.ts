import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '../targets/index.js';
import {
  connectProxyDaemon,
  ensureProxyDaemon,
  type ProxyDaemonOptions,
  readProxyDaemon,
} from './control.js';
import { createTrafficMirror } from './mirror.js';
import { send, startBackend, type TestBackend } from './testing/backends.js';
import { countBodies, pool, sendMany } from './testing/fixture.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function backend(version: string): Promise<TestBackend> {
  const started = await startBackend(version);
  cleanups.push(() => started.kill());
  return started;
}

/** Options for a daemon in a fresh state directory; the daemon is shut down (or killed) after the test. */
async function daemonOptions(extra: Partial<ProxyDaemonOptions> = {}): Promise<ProxyDaemonOptions> {
  const stateDir = mkdtempSync(join(tmpdir(), 'cara-proxy-daemon-'));
  cleanups.push(async () => {
    const pid = readProxyDaemon(stateDir)?.pid;
    const control = await connectProxyDaemon(stateDir);
    const stopped = await control?.shutdown().then(
      () => true,
      () => false,
    );
    if (pid !== undefined && stopped !== true) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(stateDir, { recursive: true, force: true });
  });
  return { stateDir, service: 'api', port: await freePort(), healthPath: '/healthz', ...extra };
}

function rawAdmin(port: number, headers: http.OutgoingHttpHeaders): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: '/status', headers, agent: false },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('proxy daemon', () => {
  it('splits traffic by weight, changes routes live and reports metrics per version', async () => {
    const [baseline, canary] = [await backend('baseline'), await backend('canary')];
    const options = await daemonOptions();
    const control = await ensureProxyDaemon(options);
    expect(control.info.port).toBe(options.port);
    const info = readProxyDaemon(options.stateDir);
    expect(info).toEqual(control.info);
    expect(statSync(join(options.stateDir, 'proxy.json')).mode & 0o777).toBe(0o600);

    await control.setRoutes({ pools: [pool('baseline', 90, [baseline]), pool('canary', 10, [canary])] });
    const url = `http://127.0.0.1:${options.port}`;
    expect(countBodies(await sendMany(url, 100))).toEqual({ baseline: 90, canary: 10 });

    await control.setRoutes({ pools: [pool('baseline', 50, [baseline]), pool('canary', 50, [canary])] });
    expect(countBodies(await sendMany(url, 100))).toEqual({ baseline: 50, canary: 50 });
    expect((await control.routes()).pools.map((p) => p.weight)).toEqual([50, 50]);
    const persisted = JSON.parse(readFileSync(join(options.stateDir, 'routes.json'), 'utf8'));
    expect(persisted.pools.map((p: { weight: number }) => p.weight)).toEqual([50, 50]);
    const status = await control.status();
    expect(status.versions.map((v) => [v.version, v.weight])).toEqual([
      ['baseline', 50],
      ['canary', 50],
    ]);
    expect(status.preview).toBeUndefined();

    const metrics = await control.metrics();
    expect(metrics.main.versions.baseline?.requests).toBe(140);
    expect(metrics.main.versions.canary?.requests).toBe(60);
    expect(metrics.main.versions.canary?.latenciesMs).toHaveLength(60);
    expect(metrics.preview).toBeUndefined();
    await control.resetMetrics('canary');
    const reset = await control.metrics();
    expect(reset.main.versions.canary?.requests ?? 0).toBe(0);
    expect(reset.main.versions.baseline?.requests).toBe(140);
    await control.checkHealth();
    expect((await control.status()).versions.every((v) => v.instances.every((i) => i.up))).toBe(true);
  });

  it('rejects bad weights with DEPLOY_WEIGHTS_INVALID and keeps the table in force', async () => {
    const [baseline, canary] = [await backend('baseline'), await backend('canary')];
    const options = await daemonOptions();
    const control = await ensureProxyDaemon(options);
    const good = { pools: [pool('baseline', 90, [baseline]), pool('canary', 10, [canary])] };
    await control.setRoutes(good);
    const before = readFileSync(join(options.stateDir, 'routes.json'), 'utf8');

    const bad = control.setRoutes({
      pools: [pool('baseline', 90, [baseline]), pool('canary', 20, [canary])],
    });
    await expect(bad).rejects.toMatchObject({
      code: 'DEPLOY_WEIGHTS_INVALID',
      message: /sum to 100, got 110/,
    });
    const badPreview = control.setRoutes({
      ...good,
      preview: { pool: pool('green', 100, [canary]), mirrorPercent: 150 },
    });
    await expect(badPreview).rejects.toMatchObject({
      code: 'DEPLOY_WEIGHTS_INVALID',
      message: /mirrorPercent/,
    });

    expect(await control.routes()).toEqual(good);
    expect(readFileSync(join(options.stateDir, 'routes.json'), 'utf8')).toBe(before);
    const url = `http://127.0.0.1:${options.port}`;
    expect(countBodies(await sendMany(url, 10))).toEqual({ baseline: 9, canary: 1 });
  });

  it('answers 401 to admin requests without the bearer token', async () => {
    const control = await ensureProxyDaemon(await daemonOptions());
    const { adminPort, token } = control.info;
    expect(await rawAdmin(adminPort, {})).toBe(401);
    expect(await rawAdmin(adminPort, { authorization: `Bearer ${'0'.repeat(64)}` })).toBe(401);
    expect(await rawAdmin(adminPort, { authorization: token })).toBe(401);
    expect(await rawAdmin(adminPort, { authorization: `Bearer ${token}` })).toBe(200);
  });

  it('serves the preview pool on its own port and mirrors bodiless GETs to it, not POSTs', async () => {
    const [blue, green] = [await backend('blue'), await backend('green')];
    const options = await daemonOptions();
    const control = await ensureProxyDaemon(options);
    await control.setRoutes({
      pools: [pool('blue', 100, [blue])],
      preview: { pool: pool('green', 100, [green]), mirrorPercent: 100 },
    });
    const previewPort = readProxyDaemon(options.stateDir)?.previewPort;
    expect(previewPort).toBeGreaterThan(0);
    const status = await control.status();
    expect(status.preview?.versions.map((v) => v.version)).toEqual(['green']);
    expect((await send(`http://127.0.0.1:${previewPort}`, '/direct')).body).toBe('green');

    const url = `http://127.0.0.1:${options.port}`;
    for (let i = 0; i < 10; i++) expect((await send(url, `/get-${i}`)).body).toBe('blue');
    expect((await send(url, '/post-0', { method: 'POST', body: 'x' })).body).toBe('blue');
    expect((await send(url, '/marker')).body).toBe('blue');
    await vi.waitFor(() => expect(green.seen).toContain('/marker'), { timeout: 10_000 });
    const mirrored = green.seen.filter((path) => path.startsWith('/get-'));
    expect(mirrored.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `/get-${i}`).sort());
    expect(green.seen).not.toContain('/post-0');
    expect(blue.seen).toContain('/post-0');

    const metrics = await control.metrics();
    expect(metrics.main.versions.blue?.requests).toBe(12);
    expect(metrics.preview?.versions.green?.requests).toBe(12);
    expect(metrics.preview?.versions.blue).toBeUndefined();

    await control.setRoutes({ pools: [pool('blue', 100, [blue])] });
    expect(readProxyDaemon(options.stateDir)?.previewPort).toBeUndefined();
    expect((await control.status()).preview).toBeUndefined();
    await vi.waitFor(
      () => expect(send(`http://127.0.0.1:${previewPort}`, '/')).rejects.toThrow(/ECONNREFUSED/),
      {
        timeout: 10_000,
      },
    );
  });

  it('keeps a marked-down instance out of rotation', async () => {
    const [baseline, canary] = [await backend('baseline'), await backend('canary')];
    const { healthPath: _, ...options } = await daemonOptions();
    const control = await ensureProxyDaemon(options);
    await control.setRoutes({ pools: [pool('baseline', 50, [baseline]), pool('canary', 50, [canary])] });
    await control.markDown(canary.url, 'stopping');
    await control.markDown('http://127.0.0.1:1', 'unknown instances are ignored');
    const down = (await control.status()).versions[1]?.instances[0];
    expect(down).toMatchObject({ up: false, reason: 'stopping' });
    expect(countBodies(await sendMany(`http://127.0.0.1:${options.port}`, 10))).toEqual({ baseline: 10 });
    await expect(control.checkHealth()).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('fails with DEPLOY_PORT_IN_USE when another process holds the service port', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const options = await daemonOptions({ port: (holder.address() as AddressInfo).port });
    await expect(ensureProxyDaemon(options)).rejects.toMatchObject({ code: 'DEPLOY_PORT_IN_USE' });
    expect(readProxyDaemon(options.stateDir)).toBeUndefined();
  });

  it('shuts down on request: listeners closed and proxy.json removed', async () => {
    const options = await daemonOptions();
    const control = await ensureProxyDaemon(options);
    await control.shutdown();
    expect(existsSync(join(options.stateDir, 'proxy.json'))).toBe(false);
    expect(await connectProxyDaemon(options.stateDir)).toBeUndefined();
    await expect(send(`http://127.0.0.1:${options.port}`, '/')).rejects.toThrow(/ECONNREFUSED/);
    await expect(control.status()).rejects.toMatchObject({ code: 'PROXY_UNREACHABLE' });
    const log = readFileSync(join(options.stateDir, 'proxy.log'), 'utf8');
    expect(log).toMatch(/listening service=api/);
    expect(log).toMatch(/shutdown/);
  });

  it('stops on SIGTERM like on a shutdown request', async () => {
    const options = await daemonOptions();
    const control = await ensureProxyDaemon(options);
    process.kill(control.info.pid, 'SIGTERM');
    await vi.waitFor(() => expect(existsSync(join(options.stateDir, 'proxy.json'))).toBe(false), {
      timeout: 10_000,
    });
    await vi.waitFor(
      () => expect(send(`http://127.0.0.1:${options.port}`, '/')).rejects.toThrow(/ECONNREFUSED/),
      {
        timeout: 10_000,
      },
    );
  });
});

describe('traffic mirror', () => {
  it('copies an even, deterministic share of the requests offered', () => {
    const mirror = createTrafficMirror();
    cleanups.push(() => mirror.close());
    const request = { method: 'GET', path: '/', headers: {}, remoteAddress: '127.0.0.1' };
    // An unused port: the copies fail, which must not matter to the caller.
    mirror.setTarget({ url: 'http://127.0.0.1:9', percent: 10 });
    for (let i = 0; i < 9; i++) mirror.hook(request);
    expect(mirror.sent()).toBe(0);
    mirror.hook(request);
    expect(mirror.sent()).toBe(1);
    for (let i = 0; i < 20; i++) mirror.hook(request);
    expect(mirror.sent()).toBe(3);
    mirror.setTarget(undefined);
    mirror.hook(request);
    expect(mirror.sent()).toBe(3);
  });
});
