import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServiceProcess, waitFor } from './support/child.js';

const dataDirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nepa-agent-'));
  dataDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('npm start (src/main.ts) as a process', () => {
  it('exits 1 with every invalid setting named', async () => {
    const service = startServiceProcess({ PORT: 'eighty', AGENT_MODE: 'reckless', ERROR_RATE: '2' });
    const { code } = await service.exited;
    expect(code).toBe(1);
    expect(service.stderr()).toContain('PORT="eighty"');
    expect(service.stderr()).toContain('AGENT_MODE="reckless" must be one of naive, guarded');
    expect(service.stderr()).toContain('ERROR_RATE="2"');
  });

  it('CRASH_AFTER_S makes the process exit with code 1', async () => {
    const started = Date.now();
    const service = startServiceProcess({ CRASH_AFTER_S: '2', SEED: 'none', DATA_DIR: dataDir() });
    await service.url;
    const { code } = await service.exited;
    expect(code).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(service.stderr()).toContain('CRASH_AFTER_S=2');
  });

  it('SIGTERM drains an in-flight request and exits 0', async () => {
    const service = startServiceProcess({ LATENCY_MS: '1500', SEED: 'demo', DATA_DIR: dataDir() });
    const url = await service.url;
    await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 60_000);
    const inFlight = fetch(`${url}/projects`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    service.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { projects: unknown[] }).projects.length).toBeGreaterThan(0);
    const { code } = await service.exited;
    expect(code).toBe(0);
    expect(service.stdout()).toContain('drained');
  });
});
