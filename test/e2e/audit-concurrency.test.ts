/**
 * Concurrent writers and killed writers: the tree never forks and never holds a partial event.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGitRepo, projectRoot, runCara, type TempRepo } from '../support/cli.js';

const worker = join(projectRoot, 'test/support/append-worker.mjs');
let repo: TempRepo | undefined;

afterEach(() => repo?.remove());

function startWorker(dir: string, count: number, tag: string, batch = 1): ChildProcess {
  return spawn(process.execPath, [worker, dir, String(count), String(batch), tag], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

async function verifyJson(dir: string) {
  const result = await runCara(['audit', 'verify', '--json'], { cwd: dir });
  return { code: result.code, report: JSON.parse(result.stdout) as { ok: boolean; events: number } };
}

describe('audit log under concurrency', () => {
  it('two processes appending 1,000 events each produce 2,000 events and a log that verifies', async () => {
    repo = makeGitRepo();
    expect((await runCara(['init'], { cwd: repo.dir })).code).toBe(0);
    const a = exited(startWorker(repo.dir, 1000, 'alpha'));
    const b = exited(startWorker(repo.dir, 1000, 'beta'));
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.stderr).toBe('');
    expect(rb.stderr).toBe('');
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const { code, report } = await verifyJson(repo.dir);
    expect(report).toMatchObject({ ok: true, events: 2 + 2000 });
    expect(code).toBe(0);
    for (const tag of ['alpha', 'beta']) {
      const log = await runCara(['audit', 'log', '--actor', `${tag}@example.gov`, '--json'], {
        cwd: repo.dir,
      });
      const subjects = (JSON.parse(log.stdout) as { subject: string }[]).map((e) => e.subject);
      expect(subjects).toHaveLength(1000);
      // Each writer's own events keep their order in the shared log.
      expect(subjects).toEqual(Array.from({ length: 1000 }, (_, i) => `${tag}-${i}`));
    }
  });

  it('kill -9 in the middle of a burst leaves a log that verifies and accepts new events', async () => {
    repo = makeGitRepo();
    expect((await runCara(['init'], { cwd: repo.dir })).code).toBe(0);
    const child = startWorker(repo.dir, 1_000_000, 'burst', 7);
    const done = exited(child);
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (d: Buffer) => {
        if (/appended (\d+)/.test(d.toString()) && Number(/appended (\d+)/.exec(d.toString())?.[1]) >= 300)
          resolve();
      });
    });
    child.kill('SIGKILL');
    const result = await done;
    expect(result.signal).toBe('SIGKILL');

    const first = await verifyJson(repo.dir);
    expect(first.report.ok).toBe(true);
    expect(first.code).toBe(0);
    // Batches are atomic: the log holds the two init events plus whole batches of 7, never a part of one.
    expect((first.report.events - 2) % 7).toBe(0);
    expect(first.report.events).toBeGreaterThanOrEqual(2 + 300);

    const record = await runCara(['audit', 'record', '--type', 'ci.step', '--outcome', 'success'], {
      cwd: repo.dir,
    });
    expect(record.code, record.stderr).toBe(0);
    const second = await verifyJson(repo.dir);
    expect(second.report).toMatchObject({ ok: true, events: first.report.events + 1 });
  });
});
