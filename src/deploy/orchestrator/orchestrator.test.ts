import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { connectProxyDaemon } from '../proxy/index.js';
import { serviceStateDir } from './environment.js';
import { driveDeployment, startDeployment } from './lifecycle.js';
import { serviceState } from './records.js';
import { createHarness, type Harness, SERVICE } from './testing/harness.js';

const canary = {
  steps: [{ setWeight: 30 }, { analysis: { seconds: 2 } }, { setWeight: 60 }, { analysis: { seconds: 2 } }],
};
const analysis = {
  warmupSeconds: 0.5,
  tailQuantile: 0.9,
  metrics: [
    { name: 'latency', effectSize: 0.5, absoluteEffect: 20 },
    { name: 'errors', absoluteEffect: 0.05, critical: true },
  ],
};

async function deploy(h: Harness, strategy?: 'canary' | 'blue-green' | 'rolling') {
  const started = await startDeployment(h.env, {
    service: SERVICE,
    ref: 'HEAD',
    ...(strategy ? { strategy } : {}),
  });
  return driveDeployment(h.env, started.id);
}

async function weights(h: Harness): Promise<Record<string, number>> {
  const control = await connectProxyDaemon(serviceStateDir(h.dir, SERVICE));
  const status = await control?.status();
  return Object.fromEntries((status?.versions ?? []).map((v) => [v.version, v.weight]));
}

describe('orchestrator: canary on local processes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      canary,
      analysis,
      blueGreen: { analysisSeconds: 2, rollbackWindowSeconds: 2 },
    });
  }, 30_000);
  afterAll(async () => h?.close(), 30_000);

  it('deploys, promotes a good canary, rolls back a bad one, and never drops a request', async () => {
    const v1 = h.commit('v1 settings');
    const initial = await deploy(h);
    expect(initial.state).toBe('succeeded');
    expect(initial.plan.initial).toBe(true);
    expect(await weights(h)).toEqual({ [v1]: 100 });

    const load = h.load(150);
    const v2 = h.commit('v2: fine');
    const good = await deploy(h);
    expect(good.state, good.reason ?? '').toBe('succeeded');
    expect(good.data.analyses.map((a) => a.decision)).toEqual(['pass', 'pass']);
    expect(await weights(h)).toEqual({ [v2]: 100 });
    expect((await serviceState(h.store, SERVICE))?.version).toBe(v2);

    const v3 = h.commit('v3: broken', { ERROR_RATE: '0.4' });
    const bad = await deploy(h);
    const traffic = await load.stop();
    expect(bad.state).toBe('rolled-back');
    expect(bad.reason).toMatch(/analysis 1 failed/);
    expect(bad.data.analyses[0]?.metrics.find((m) => m.name === 'errors')?.status).toBe('fail');
    expect(await weights(h)).toEqual({ [v2]: 100 });
    expect(bad.data.restoredAt ?? '').toBeTruthy();
    expect((bad.data.restoredAt ?? '') >= (bad.data.firstTrafficAt ?? 'z')).toBe(true);
    // Only the bad version served errors, and no request failed for any other reason.
    expect(traffic.statuses.network ?? 0).toBe(0);
    expect(traffic.statuses['502'] ?? 0).toBe(0);
    expect(traffic.statuses['503'] ?? 0).toBe(0);
    expect(traffic.versions[v3]).toBeGreaterThan(0);
    expect(traffic.statuses['500'] ?? 0).toBeLessThanOrEqual(traffic.versions[v3] ?? 0);

    const types = h.events.map((e) => e.type);
    for (const type of ['deploy.start', 'deploy.step', 'deploy.promote', 'deploy.rollback', 'deploy.finish'])
      expect(types).toContain(type);
  }, 120_000);

  it('rolls back at once when the new version crashes', async () => {
    const v = h.commit('v4: crashes', { CRASH_AFTER_MS: '1500' });
    const load = h.load(50);
    const d = await deploy(h);
    const traffic = await load.stop();
    expect(d.state).toBe('rolled-back');
    expect(d.reason).toMatch(/crashed|health/);
    expect(await weights(h)).not.toHaveProperty(v);
    expect(traffic.statuses.network ?? 0).toBe(0);
  }, 60_000);

  it('fails a version that cannot start and keeps the stable one', async () => {
    const stable = (await serviceState(h.store, SERVICE))?.version;
    h.commit('v5: cannot start', { EXIT_AT_START: '3' });
    const d = await deploy(h);
    expect(d.state).toBe('failed');
    expect(d.reason).toMatch(/exit/);
    expect(await weights(h)).toEqual({ [stable as string]: 100 });
  }, 60_000);

  it('holds one deployment per service; without traffic the judge cannot pass it', async () => {
    h.commit('v6');
    const first = await startDeployment(h.env, { service: SERVICE, ref: 'HEAD' });
    const second = startDeployment(h.env, { service: SERVICE, ref: 'HEAD~1' });
    await expect(second).rejects.toBeInstanceOf(CaraError);
    await expect(second).rejects.toMatchObject({ code: 'DEPLOY_LOCKED' });
    const done = await driveDeployment(h.env, first.id);
    // No load: the first look is inconclusive and moves on; the last is extended twice, then
    // rolled back (onInconclusive).
    expect(done.state).toBe('rolled-back');
    expect(done.reason).toMatch(/analysis 2 inconclusive/);
    expect(done.data.analyses.map((a) => [a.decision, a.extensions])).toEqual([
      ['inconclusive', 0],
      ['inconclusive', 2],
    ]);
  }, 60_000);

  it('switches blue-green atomically after judging green on mirrored traffic', async () => {
    const green = h.commit('v7: blue-green');
    const load = h.load(100);
    const d = await deploy(h, 'blue-green');
    const traffic = await load.stop();
    expect(d.state, d.reason ?? '').toBe('succeeded');
    expect(d.data.analyses.map((a) => a.source)).toEqual(['preview', 'post-switch']);
    expect(await weights(h)).toEqual({ [green]: 100 });
    expect(traffic.statuses.network ?? 0).toBe(0);
  }, 60_000);
});
