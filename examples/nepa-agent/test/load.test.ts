import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLoadArgs, runLoad } from '../src/load/index.js';
import { listen, type RunningServer } from '../src/server.js';
import { createTestApp } from './support/app.js';
import { PACKAGE_DIR } from './support/child.js';
import { openTestDatabase, type TestDatabase } from './support/database.js';

describe('load generator', () => {
  let db: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    db = await openTestDatabase();
    server = await listen(createTestApp(db.repository).app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.shutdown(1000);
    await db.close();
  });

  it('sends rps x duration requests of the mix, open-loop, and summarises them', async () => {
    const summary = await runLoad({ url: server.url, rps: 40, durationS: 1, seed: 5 });
    expect(summary.sent).toBe(40);
    expect(summary.completed).toBe(40);
    expect(Object.keys(summary.statuses).sort()).toEqual(['200', '201']);
    expect(summary.byKind.ask?.sent).toBeGreaterThan(summary.byKind.documents?.sent ?? 0);
    expect(summary.latencyMs.p50).toBeLessThanOrEqual(summary.latencyMs.p99);
    expect(summary.achievedRps).toBeGreaterThan(25);
    expect(summary.errorRate).toBe(0);
  });

  it('draws the same mix for the same seed', async () => {
    const kinds = async (seed: number) => {
      const s = await runLoad({
        url: server.url,
        rps: 200,
        durationS: 0.2,
        seed,
        mix: { projects: 1, health: 1 },
      });
      return [s.byKind.projects?.sent, s.byKind.health?.sent];
    };
    const first = await kinds(11);
    expect(await kinds(11)).toEqual(first);
    expect(first[0]).toBeDefined();
  });

  it('counts network errors against a closed port instead of throwing', async () => {
    const summary = await runLoad({
      url: 'http://127.0.0.1:9',
      rps: 10,
      durationS: 0.3,
      seed: 1,
      timeoutMs: 500,
    });
    expect(summary.statuses['network-error']).toBe(3);
    expect(summary.errorRate).toBe(1);
  });

  it('parses the command line and names every bad option', () => {
    const ok = parseLoadArgs([
      '--url',
      'http://x:1',
      '--rps',
      '5',
      '--duration',
      '2m',
      '--mix',
      'ask=1,projects=3',
      '--json',
    ]);
    expect(ok.errors).toEqual([]);
    expect(ok.options).toMatchObject({
      url: 'http://x:1',
      rps: 5,
      durationS: 120,
      mix: { ask: 1, projects: 3 },
    });
    expect(ok.json).toBe(true);
    const bad = parseLoadArgs([
      '--url',
      'x',
      '--rps',
      '-1',
      '--duration',
      'soon',
      '--mix',
      'pets=1',
      '--colour',
      'red',
    ]);
    for (const named of ['--url', '--rps', '--duration', '"pets"', '--colour']) {
      expect(
        bad.errors.some((error) => error.includes(named)),
        named,
      ).toBe(true);
    }
  });

  it('npm run load prints a JSON summary with --json', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/load/main.ts',
        '--url',
        server.url,
        '--rps',
        '20',
        '--duration',
        '500ms',
        '--json',
      ],
      { cwd: PACKAGE_DIR },
    );
    const summary = JSON.parse(stdout) as { sent: number; latencyMs: { p95: number } };
    expect(summary.sent).toBe(10);
    expect(summary.latencyMs.p95).toBeGreaterThan(0);
  });
});
