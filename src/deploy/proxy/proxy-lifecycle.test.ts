import http from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { createWeightedProxy } from './proxy.js';
import { deferred, send } from './testing/backends.js';
import { pool, useProxyFixture } from './testing/fixture.js';

const fixture = useProxyFixture();

describe('proxy lifecycle', () => {
  it('close() lets an in-flight request finish, then stops accepting connections', async () => {
    const backend = await fixture.backend('v1');
    const arrived = deferred();
    const release = deferred();
    backend.handle((_req, res) => {
      arrived.resolve();
      void release.promise.then(() => res.end('late'));
    });
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [backend])] });
    const inFlight = send(proxy.url, '/');
    await arrived.promise;
    let closed = false;
    const closing = proxy.close().then(() => {
      closed = true;
    });
    await expect(send(proxy.url, '/')).rejects.toThrow(/ECONNREFUSED/);
    expect(closed).toBe(false);
    release.resolve();
    expect(await inFlight).toMatchObject({ status: 200, body: 'late' });
    await closing;
    expect(closed).toBe(true);
  });

  it('survives a client that disconnects mid-upload and does not count it as a backend error', async () => {
    const backend = await fixture.backend('v1');
    const gotChunk = deferred();
    backend.handle((req, res) => {
      req.once('data', () => gotChunk.resolve());
      req.on('error', () => {});
      res.on('error', () => {});
    });
    const proxy = await fixture.proxy({ backends: [pool('v1', 100, [backend])] });
    const upload = http.request(`${proxy.url}/upload`, { method: 'POST' });
    upload.on('error', () => {});
    upload.write('partial');
    await gotChunk.promise;
    upload.destroy();
    await vi.waitFor(() => expect(proxy.metrics().versions.v1?.inFlight).toBe(0), { timeout: 10_000 });
    expect(proxy.metrics().versions.v1).toMatchObject({ requests: 1, errors: 0 });
    backend.handle(undefined);
    expect(await send(proxy.url, '/')).toMatchObject({ status: 200, body: 'v1' });
  });

  it('reports a taken port as a USAGE error', async () => {
    const first = await fixture.proxy({});
    const error = await createWeightedProxy({ port: first.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaraError);
    expect((error as CaraError).code).toBe('USAGE');
    expect((error as CaraError).message).toContain(`127.0.0.1:${first.port}`);
  });

  it.each([
    [{ port: -1 }, /port/],
    [{ port: 70_000 }, /port/],
    [{ port: 0, backendTimeoutMs: 0 }, /backendTimeoutMs/],
    [{ port: 0, healthPath: 'healthz' }, /must start with/],
    [{ port: 0, backends: [{ version: 'v1', weight: 50, instances: [] }] }, /weight/],
  ])('rejects bad options %j', async (options, message) => {
    await expect(createWeightedProxy(options)).rejects.toThrow(message);
  });
});
