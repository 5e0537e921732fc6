import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '../targets/index.js';
import {
  connectProxyDaemon,
  ensureProxyDaemon,
  type ProxyDaemonOptions,
  readProxyDaemon,
} from './control.js';
import { send, startBackend, type TestBackend } from './testing/backends.js';
import { countBodies, pool, sendMany } from './testing/fixture.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '../../..');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function backend(version: string): Promise<TestBackend> {
  const started = await startBackend(version);
  cleanups.push(() => started.kill());
  return started;
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** A fresh state directory whose daemons are shut down (or killed by pid) after the test. */
async function daemonOptions(): Promise<ProxyDaemonOptions> {
  const stateDir = mkdtempSync(join(tmpdir(), 'cara-proxy-restart-'));
  const pids = new Set<number>();
  cleanups.push(async () => {
    const info = readProxyDaemon(stateDir);
    if (info !== undefined) pids.add(info.pid);
    const control = await connectProxyDaemon(stateDir);
    const stopped = await control?.shutdown().then(
      () => true,
      () => false,
    );
    if (stopped !== true) for (const pid of pids) kill(pid);
    rmSync(stateDir, { recursive: true, force: true });
  });
  return { stateDir, service: 'api', port: await freePort(), healthPath: '/healthz' };
}

describe('proxy daemon lifetime', () => {
  it('keeps routing after the process that started it is killed with SIGKILL', async () => {
    const [baseline, canary] = [await backend('baseline'), await backend('canary')];
    const options = await daemonOptions();
    const script = join(options.stateDir, 'start-daemon.mts');
    const control = pathToFileURL(join(here, 'control.ts')).href;
    writeFileSync(
      script,
      [
        `import { ensureProxyDaemon } from ${JSON.stringify(control)};`,
        'const control = await ensureProxyDaemon(JSON.parse(process.argv[2]));',
        "process.stdout.write(JSON.stringify(control.info) + '\\n');",
        'setInterval(() => {}, 60_000);',
      ].join('\n'),
    );
    const starter = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(options)], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => kill(starter.pid ?? 0));
    const exited = new Promise((done) => starter.on('exit', done));
    const line = await new Promise<string>((done, fail) => {
      let text = '';
      starter.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) done(text.split('\n')[0] ?? '');
      });
      starter.on('exit', (code) => fail(new Error(`starter exited with ${code}`)));
    });
    const started = JSON.parse(line) as { pid: number; port: number };
    expect(started.port).toBe(options.port);

    starter.kill('SIGKILL');
    expect(await exited).toBe(null);
    const reconnected = await connectProxyDaemon(options.stateDir);
    expect(reconnected?.info.pid).toBe(started.pid);
    await reconnected?.setRoutes({ pools: [pool('baseline', 90, [baseline]), pool('canary', 10, [canary])] });
    expect(countBodies(await sendMany(`http://127.0.0.1:${options.port}`, 100))).toEqual({
      baseline: 90,
      canary: 10,
    });
  });

  it('restores the last routes, preview included, when started again after being killed', async () => {
    const [baseline, canary, green] = [
      await backend('baseline'),
      await backend('canary'),
      await backend('green'),
    ];
    const options = await daemonOptions();
    const first = await ensureProxyDaemon(options);
    const routes = {
      pools: [pool('baseline', 90, [baseline]), pool('canary', 10, [canary])],
      preview: { pool: pool('green', 100, [green]), mirrorPercent: 0 },
    };
    await first.setRoutes(routes);
    kill(first.info.pid);
    await vi.waitFor(async () => expect(await connectProxyDaemon(options.stateDir)).toBeUndefined(), {
      timeout: 10_000,
    });

    const second = await ensureProxyDaemon(options);
    expect(second.info.pid).not.toBe(first.info.pid);
    expect(second.info.port).toBe(options.port);
    expect(await second.routes()).toEqual(routes);
    expect(countBodies(await sendMany(`http://127.0.0.1:${options.port}`, 100))).toEqual({
      baseline: 90,
      canary: 10,
    });
    const previewPort = second.info.previewPort;
    expect((await send(`http://127.0.0.1:${previewPort}`, '/')).body).toBe('green');
    expect((await second.status()).preview?.versions[0]?.version).toBe('green');
    // Nothing was mirrored at 0%.
    expect(green.seen).toEqual(['/']);
  });
});
