import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { createLocalTarget } from './local.js';
import { assertPortFree } from './ports.js';
import { processStartTime } from './process-state.js';
import { fixtureSpec, getJson, useTargetFixture } from './testing/fixture.js';
import type { InstanceRecord } from './types.js';

const fixture = useTargetFixture();
const target = createLocalTarget({ now: () => new Date('2025-01-02T03:04:05.000Z') });

async function failure(promise: Promise<unknown>): Promise<CaraError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CaraError);
  return error as CaraError;
}

/** Whether anything still answers HTTP at `url` (a refused or reset connection is no answer). */
async function answers(url: string): Promise<boolean> {
  return getJson(url).then(
    () => true,
    () => false,
  );
}

describe('local target: starting instances', () => {
  it('runs two instances of a git ref on distinct ports, each answering with its version', async () => {
    const repo = fixture.repo();
    repo.commit('v1');
    const prepared = await target.prepareVersion(repo.dir, repo.stateDir, { ref: 'main' });
    const progress: string[] = [];
    const records = await Promise.all(
      [0, 1].map(async (index) =>
        fixture.track(
          await target.startInstance(
            fixtureSpec(prepared.checkoutDir, repo.stateDir, { version: prepared.label, index }),
            { onProgress: (line) => progress.push(line) },
          ),
        ),
      ),
    );
    const [first, second] = records as [InstanceRecord, InstanceRecord];
    expect(first.port).not.toBe(second.port);
    expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
    expect(first).toMatchObject({
      service: 'api',
      version: prepared.label,
      index: 0,
      startedAt: '2025-01-02T03:04:05.000Z',
      instanceDir: join(repo.stateDir, 'instances', `${prepared.label}-0`),
      logFile: join(repo.stateDir, 'logs', `${prepared.label}-0.log`),
    });
    if (process.platform === 'linux') expect(first.startTime).toMatch(/^\d+$/);
    for (const record of records) {
      const answer = await getJson(record.url);
      expect(answer).toMatchObject({
        service: 'api',
        version: prepared.label,
        index: record.index,
        pid: record.pid,
        instanceDir: record.instanceDir,
        argv: [`--dir=${record.instanceDir}`, `--port=${record.port}`],
        greeting: null,
      });
      expect(existsSync(record.instanceDir)).toBe(true);
      expect(readFileSync(record.logFile, 'utf8')).toContain(`fixture: listening on ${record.port}`);
      expect(target.isAlive(record)).toBe(true);
      expect(await target.probe(record, '/readyz')).toBe(true);
      expect(await target.probe(record, '/missing-is-still-200')).toBe(true);
    }
    expect(progress).toContain(
      `api ${prepared.label} #0: pid ${first.pid} on :${first.port}, waiting for /readyz`,
    );
  });

  it('lets the version env file override env, and keeps PORT and CARA_* its own', async () => {
    const repo = fixture.repo();
    repo.commit('defaults');
    repo.commit('override', {
      'deploy.env': '# settings of this commit\nexport GREETING="from {service} file"\nPORT=1\n',
    });
    const spec = (checkoutDir: string) =>
      fixtureSpec(checkoutDir, repo.stateDir, {
        env: { GREETING: 'from env on {port}', READY_AFTER_MS: '100' },
        envFile: 'deploy.env',
      });
    const before = await target.prepareVersion(repo.dir, repo.stateDir, { ref: 'main~1' });
    const after = await target.prepareVersion(repo.dir, repo.stateDir, { ref: 'main' });
    const old = fixture.track(await target.startInstance(spec(before.checkoutDir)));
    const next = fixture.track(await target.startInstance({ ...spec(after.checkoutDir), index: 1 }));
    expect((await getJson(old.url)).greeting).toBe(`from env on ${old.port}`);
    expect((await getJson(next.url)).greeting).toBe('from api file');
  });

  it('runs a folder version in place, in the configured cwd', async () => {
    const repo = fixture.repo();
    const folder = fixture.folder();
    const prepared = await target.prepareVersion(repo.dir, repo.stateDir, { dir: folder });
    const record = fixture.track(
      await target.startInstance(
        fixtureSpec(prepared.checkoutDir, repo.stateDir, {
          version: prepared.label,
          cwd: '.',
          command: [process.execPath, '{checkoutDir}/server.mjs', 'v={version}', 'i={index}'],
        }),
      ),
    );
    expect(await getJson(record.url)).toMatchObject({
      version: prepared.label,
      cwd: folder,
      argv: [`v=${prepared.label}`, 'i=0'],
    });
  });

  it('reports an instance that exits at start with its exit code and log tail', async () => {
    const folder = fixture.folder();
    const stateDir = join(fixture.tempDir(), 'api');
    const error = await failure(
      target.startInstance(fixtureSpec(folder, stateDir, { env: { EXIT_AT_START: '3' } })),
    );
    expect(error.code).toBe('DEPLOY_START_FAILED');
    expect(error.message).toContain('exit code 3');
    expect(error.message).toContain('DATABASE_URL is missing');
    expect(error.hint).toContain(join(stateDir, 'logs', 'v1-0.log'));
  });

  it('reports a command that does not exist', async () => {
    const folder = fixture.folder();
    const error = await failure(
      target.startInstance(fixtureSpec(folder, join(folder, 'state'), { command: ['./no-such-program'] })),
    );
    expect(error.code).toBe('DEPLOY_START_FAILED');
    expect(error.message).toMatch(/ENOENT/);
  });

  it('stops an instance that never becomes ready and says so with the log tail', async () => {
    const folder = fixture.folder();
    const progress: string[] = [];
    const error = await failure(
      target.startInstance(
        fixtureSpec(folder, join(folder, 'state'), {
          env: { NEVER_READY: '1' },
          readiness: { path: '/readyz', timeoutMs: 400, intervalMs: 25 },
        }),
        { onProgress: (line) => progress.push(line) },
      ),
    );
    expect(error.code).toBe('DEPLOY_NOT_READY');
    expect(error.message).toContain('/readyz');
    expect(error.message).toContain('fixture: listening on');
    const pid = Number(/pid (\d+)/.exec(progress[0] ?? '')?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(target.isAlive({ pid, startTime: null } as InstanceRecord)).toBe(false);
    const port = Number(/on :(\d+)/.exec(progress[0] ?? '')?.[1]);
    expect(await answers(`http://127.0.0.1:${port}/`)).toBe(false);
  });

  it('kills the instance and rethrows when the start is aborted', async () => {
    const folder = fixture.folder();
    const controller = new AbortController();
    let pid = 0;
    const starting = target.startInstance(
      fixtureSpec(folder, join(folder, 'state'), { env: { NEVER_READY: '1' } }),
      {
        signal: controller.signal,
        onProgress: (line) => {
          pid = Number(/pid (\d+)/.exec(line)?.[1]);
          controller.abort(new Error('deploy cancelled'));
        },
      },
    );
    await expect(starting).rejects.toThrow('deploy cancelled');
    expect(pid).toBeGreaterThan(0);
    expect(target.isAlive({ pid, startTime: null } as InstanceRecord)).toBe(false);
  });

  it('refuses a port that is taken', async () => {
    const folder = fixture.folder();
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const error = await failure(target.startInstance(fixtureSpec(folder, join(folder, 'state'), { port })));
      expect(error.code).toBe('DEPLOY_PORT_IN_USE');
      expect(error.message).toContain(String(port));
      expect(error.hint).toBeTruthy();
      await expect(assertPortFree(port)).rejects.toThrow(String(port));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await assertPortFree(port);
  });

  it('rejects a spec that cannot work, naming the field', async () => {
    const folder = fixture.folder();
    const base = fixtureSpec(folder, join(folder, 'state'));
    for (const [bad, field] of [
      [{ version: '../x' }, 'version'],
      [{ command: [] }, 'command'],
      [{ index: -1 }, 'index'],
      [{ readiness: { path: 'readyz', timeoutMs: 1, intervalMs: 1 } }, 'readiness.path'],
      [{ cwd: 'missing' }, 'working directory'],
    ] as const) {
      const error = await failure(target.startInstance({ ...base, ...bad }));
      expect(error.code).toBe('DEPLOY_CONFIG_INVALID');
      expect(error.message).toContain(field);
    }
  });
});

describe('local target: liveness and stopping', () => {
  it('isAlive is false after the process is killed, and for a reused pid', async () => {
    const folder = fixture.folder();
    const record = fixture.track(await target.startInstance(fixtureSpec(folder, join(folder, 'state'))));
    expect(target.isAlive(record)).toBe(true);
    if (process.platform === 'linux') {
      expect(target.isAlive({ ...record, startTime: '1' })).toBe(false);
    }
    process.kill(-record.pid, 'SIGKILL');
    await expect.poll(() => target.isAlive(record)).toBe(false);
    expect(await target.probe(record, '/readyz', 500)).toBe(false);
    expect(await target.stopInstance(record, { drainMs: 100 })).toEqual({ graceful: true });
  });

  it.skipIf(process.platform !== 'linux')('counts a zombie as dead (reads /proc, Linux only)', async () => {
    // `sleep 0` becomes a child of `sleep 5`, which never reaps it: a zombie for five seconds.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], { detached: true });
    fixture.trackPid(parent.pid ?? 0);
    const zombie = await new Promise<number>((resolve) =>
      parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    const state = () => readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]?.[0];
    await expect.poll(state).toBe('Z');
    expect(() => process.kill(zombie, 0)).not.toThrow();
    const record = { pid: zombie, startTime: processStartTime(zombie) } as InstanceRecord;
    expect(target.isAlive(record)).toBe(false);
    expect(
      await target.stopInstance({ ...record, logFile: join(fixture.tempDir(), 'z.log') }, { drainMs: 50 }),
    ).toEqual({
      graceful: true,
    });
  });

  it('stops gracefully on SIGTERM, and falls back to SIGKILL when SIGTERM is ignored', async () => {
    const folder = fixture.folder();
    const stateDir = join(folder, 'state');
    const polite = fixture.track(await target.startInstance(fixtureSpec(folder, stateDir)));
    const stubborn = fixture.track(
      await target.startInstance(fixtureSpec(folder, stateDir, { index: 1, env: { IGNORE_SIGTERM: '1' } })),
    );
    expect(await target.stopInstance(polite, { drainMs: 10_000 })).toEqual({ graceful: true });
    expect(readFileSync(polite.logFile, 'utf8')).toContain('fixture: SIGTERM received');
    expect(target.isAlive(polite)).toBe(false);

    expect(await target.stopInstance(stubborn, { drainMs: 200 })).toEqual({ graceful: false });
    expect(target.isAlive(stubborn)).toBe(false);
    const log = readFileSync(stubborn.logFile, 'utf8');
    expect(log).toContain('fixture: SIGTERM received');
    expect(log).toContain('SIGKILL');
    expect(await answers(stubborn.url)).toBe(false);
    expect(await target.stopInstance(stubborn, { drainMs: 200 })).toEqual({ graceful: true });
  });
});
