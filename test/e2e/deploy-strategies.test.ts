/**
 * Progressive delivery end to end on the reference agent, through the built CLI under a light
 * load: one workspace, one deployment after another — a good and a bad version with each
 * strategy. Good versions are promoted without a human; bad ones (errors, latency) are rolled
 * back automatically and the traffic ends on the stable version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  createDeployWorkspace,
  type DeployWorkspace,
  deploy,
  FAST_ANALYSIS,
  proxyWeights,
  type RequestLoop,
  requestLoop,
  statusCounts,
  VERSION_HEAD,
  versionsServing,
} from './support/deploy.js';

let ws: DeployWorkspace;
let load: RequestLoop | undefined;

beforeAll(async () => {
  ws = await createDeployWorkspace({
    service: {
      instances: 1,
      drainSeconds: 2,
      analysis: FAST_ANALYSIS,
      canary: { steps: [{ setWeight: 50 }, { analysis: { seconds: 3 } }] },
      blueGreen: { analysisSeconds: 4, rollbackWindowSeconds: 4 },
      rolling: { analysisSeconds: 3 },
    },
  });
});

afterAll(async () => {
  await load?.stop();
  await ws?.teardown();
});

/** Commits a version with these fault knobs and deploys it with `strategy` to the end. */
async function release(version: string, knobs: Record<string, string>, strategy?: string) {
  // v1 is the workspace's first commit
  if (version !== 'v1')
    ws.commitVersion(`${version}${Object.keys(knobs).length ? ` with ${JSON.stringify(knobs)}` : ''}`, {
      SERVICE_VERSION: version,
      ...knobs,
    });
  const { deployment, result } = await deploy(ws, [
    VERSION_HEAD,
    ...(strategy ? ['--strategy', strategy] : []),
  ]);
  return { d: deployment, code: result.code, stderr: result.stderr };
}

/** Only `version` answers, and the proxy gives it all the weight. */
async function expectServing(version: string, label: string) {
  expect(await versionsServing(ws.port)).toEqual(new Set([version]));
  expect(await proxyWeights(ws.port)).toMatchObject({ [label]: 100 });
}

describe('cara deploy on the reference agent', () => {
  it('deploys v1 initially, then a good canary is promoted and a bad one rolled back', async () => {
    const v1 = await release('v1', {});
    expect(v1.d.state, v1.stderr).toBe('succeeded');
    expect(v1.d.plan.initial).toBe(true);
    await expectServing('v1', v1.d.version);
    load = requestLoop(ws.port, { concurrency: 2, gapMs: 40 });

    const v2 = await release('v2', {}, 'canary');
    expect(v2.d.state, v2.stderr).toBe('succeeded');
    expect(v2.code).toBe(0);
    expect(v2.d.strategy).toBe('canary');
    expect(v2.d.data.analyses.length).toBeGreaterThan(0);
    expect(v2.d.data.analyses.every((a) => a.decision === 'pass' || a.decision === 'inconclusive')).toBe(
      true,
    );
    await expectServing('v2', v2.d.version);

    const v3 = await release('v3', { ERROR_RATE: '0.3' }, 'canary');
    expect(v3.d.state, v3.stderr).toBe('rolled-back');
    expect(v3.code).toBe(1);
    expect(v3.d.reason).toMatch(/analysis 1 failed/);
    expect(v3.d.data.analyses.at(-1)?.metrics.find((m) => m.name === 'errors')?.status).toMatch(/fail/i);
    expect(v3.d.data.restoredAt).toBeDefined();
    await expectServing('v2', v2.d.version);
  }, 200_000);

  it('blue-green switches to a good green and switches back from a slow one', async () => {
    const v4 = await release('v4', {}, 'blue-green');
    expect(v4.d.state, v4.stderr).toBe('succeeded');
    expect(v4.d.strategy).toBe('blue-green');
    expect(v4.d.data.analyses.map((a) => a.source)).toEqual(
      expect.arrayContaining(['preview', 'post-switch']),
    );
    await expectServing('v4', v4.d.version);

    const v5 = await release('v5', { LATENCY_MS: '150' }, 'blue-green');
    expect(v5.d.state, v5.stderr).toBe('rolled-back');
    expect(v5.d.reason).toMatch(/analysis \d failed/);
    expect(v5.d.data.analyses.at(-1)?.metrics.find((m) => m.name === 'latency')?.status).toMatch(/fail/i);
    await expectServing('v4', v4.d.version);
  }, 200_000);

  it('rolling replaces two instances one at a time, and rolls a failing batch back', async () => {
    ws.updateService({ instances: 2 });
    const v6 = await release('v6', {}, 'rolling');
    expect(v6.d.state, v6.stderr).toBe('succeeded');
    expect(v6.d.strategy).toBe('rolling');
    expect(v6.d.plan.steps.filter((s) => s.kind === 'batch')).toHaveLength(2);
    expect(v6.d.data.newInstances).toHaveLength(2);
    await expectServing('v6', v6.d.version);

    const v7 = await release('v7', { ERROR_RATE: '0.3' }, 'rolling');
    expect(v7.d.state, v7.stderr).toBe('rolled-back');
    expect(v7.d.step).toBeLessThan(v7.d.plan.steps.length - 1);
    // the stable version is back at full strength after the old instance the batch replaced
    expect(v7.d.data.stableInstances).toHaveLength(2);
    await expectServing('v6', v6.d.version);
  }, 240_000);

  it('history and the audit log tell the whole story', async () => {
    const traffic = await load?.stop();
    load = undefined;
    const counts = statusCounts(traffic ?? []);
    // the load saw every version it was meant to, and never a refused connection
    expect(counts['0'] ?? 0).toBe(0);
    expect(counts['200']).toBeGreaterThan(100);

    const history = await ws.cara(['deploy', 'history', '--json', '--service', 'nepa-agent']);
    expect(history.code).toBe(0);
    const rows = (JSON.parse(history.stdout) as { strategy: string; state: string }[]).reverse();
    expect(rows.map((d) => `${d.strategy} ${d.state}`)).toEqual([
      'canary succeeded',
      'canary succeeded',
      'canary rolled-back',
      'blue-green succeeded',
      'blue-green rolled-back',
      'rolling succeeded',
      'rolling rolled-back',
    ]);

    const events = await auditLog(ws, 'deploy.*');
    const count = (type: string, status?: string) =>
      events.filter((e) => e.type === type && (status === undefined || e.outcome.status === status)).length;
    expect(count('deploy.start')).toBe(7);
    expect(count('deploy.promote')).toBe(4);
    expect(count('deploy.rollback')).toBe(3);
    expect(count('deploy.finish', 'success')).toBe(4);
    expect(count('deploy.finish', 'failure')).toBe(3);
    // every analysis verdict is an audited step with its evidence
    expect(events.some((e) => e.type === 'deploy.step' && e.details.analysis !== undefined)).toBe(true);
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set(['release@deploy.example.gov']));
  }, 30_000);
});
