import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localTarget } from './local.js';
import { fixtureSpec, getJson, useTargetFixture } from './testing/fixture.js';
import type { InstanceRecord } from './types.js';

const fixture = useTargetFixture();
const projectRoot = join(import.meta.dirname, '../../..');
const starter = join(import.meta.dirname, 'testing/start-detached.ts');

/** Starts an instance from a separate node process (its own process group) and reads its record. */
function startFromChild(
  specJson: string,
  mode: 'exit' | 'hold',
): { child: ChildProcess; record: Promise<InstanceRecord> } {
  const child = spawn(process.execPath, ['--import', 'tsx', starter, specJson, mode], {
    cwd: projectRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) fixture.trackPid(child.pid);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const record = new Promise<InstanceRecord>((resolve, reject) => {
    const check = (): void => {
      const line = out.split('\n')[0] ?? '';
      if (out.includes('\n')) resolve(fixture.track(JSON.parse(line) as InstanceRecord));
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      check();
      reject(new Error(`starter exited with ${code} before printing a record: ${err}`));
    });
  });
  return { child, record };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('local target: instances outlive the process that started them', () => {
  it('keeps serving after the starting process exits on its own', async () => {
    const folder = fixture.folder();
    const { child, record } = startFromChild(
      JSON.stringify(fixtureSpec(folder, join(folder, 'state'))),
      'exit',
    );
    const started = await record;
    expect(await exitOf(child)).toBe(0);
    expect(localTarget.isAlive(started)).toBe(true);
    expect(await getJson(started.url)).toMatchObject({ version: 'v1', pid: started.pid });
    expect(await localTarget.stopInstance(started, { drainMs: 5_000 })).toEqual({ graceful: true });
  });

  it('keeps serving after the starting process group is killed with SIGKILL', async () => {
    const folder = fixture.folder();
    const spec = fixtureSpec(folder, join(folder, 'state'), { version: 'v2' });
    const { child, record } = startFromChild(JSON.stringify(spec), 'hold');
    const started = await record;
    const exited = exitOf(child);
    process.kill(-(child.pid ?? 0), 'SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(localTarget.isAlive(started)).toBe(true);
    expect(await localTarget.probe(started, '/readyz')).toBe(true);
    expect(await getJson(started.url)).toMatchObject({ version: 'v2' });
    expect(await localTarget.stopInstance(started, { drainMs: 5_000 })).toEqual({ graceful: true });
    expect(localTarget.isAlive(started)).toBe(false);
  });
});
