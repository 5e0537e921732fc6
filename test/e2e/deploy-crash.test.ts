/**
 * `kill -9` of the process driving a canary, in the middle of its analysis: the proxy daemon and
 * the instances outlive it, `cara deploy resume` takes over and finishes, and a second crash that
 * also kills the canary's instance is rolled back by the next `cara deploy status`. A request
 * loop runs against the service port through all of it; every single answer must be a 2xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/deploy/index.js';
import {
  createDeployWorkspace,
  type DeployWorkspace,
  deploy,
  FAST_ANALYSIS,
  proxyWeights,
  type RequestLoop,
  requestLoop,
  spawnDeploy,
  startDetached,
  statusCounts,
  VERSION_HEAD,
  versionsServing,
  waitFor,
} from './support/deploy.js';

let ws: DeployWorkspace;
let load: RequestLoop | undefined;

beforeAll(async () => {
  ws = await createDeployWorkspace({
    service: {
      instances: 1,
      drainSeconds: 2,
      analysis: { ...FAST_ANALYSIS, onInconclusive: 'promote' },
      canary: { steps: [{ setWeight: 50 }, { analysis: { seconds: 8 } }] },
    },
  });
  const v1 = await deploy(ws, [VERSION_HEAD]);
  expect(v1.deployment.state, v1.result.stderr).toBe('succeeded');
  load = requestLoop(ws.port, { concurrency: 4, gapMs: 20 });
}, 120_000);

afterAll(async () => {
  await load?.stop();
  await ws?.teardown();
});

const pidOf = (owner: string | null) => Number(/^(\d+)@/.exec(owner ?? '')?.[1]);

/** Waits until `id` is being judged by a live driver, with its canary taking traffic. */
async function midAnalysis(id: string): Promise<Deployment> {
  return waitFor(
    `${id} to be analysing`,
    async () => {
      const { deployment: d } = await ws.status(id);
      if (!d.active) throw new Error(`${id} ended early: ${d.state} ${d.reason}`);
      return d.state === 'analysing' && d.owner !== null && d.data.weight > 0 ? d : undefined;
    },
    120_000,
  );
}

/** Every answer since the loop started was a 2xx, and `version` served some of them. */
function expectEveryAnswer2xx(version: string) {
  const answers = load?.answers ?? [];
  expect(answers.some((a) => a.version === version)).toBe(true);
  const bad = answers.filter((a) => a.status < 200 || a.status > 299);
  expect(answers.length).toBeGreaterThan(50);
  expect(
    bad.slice(0, 5).map((a) => `${a.status} ${a.error ?? ''}`),
    JSON.stringify(statusCounts(answers)),
  ).toEqual([]);
}

describe('kill -9 of the driving cara', () => {
  it('resume takes over a detached canary whose driver was killed mid-analysis, and no request fails', async () => {
    ws.commitVersion('v2', { SERVICE_VERSION: 'v2' });
    const started = await startDetached(ws, [VERSION_HEAD, '--strategy', 'canary']);
    const d = await midAnalysis(started.id);
    const driver = pidOf(d.owner);
    expect(driver).toBeGreaterThan(0);
    process.kill(driver, 'SIGKILL');
    // the instances and the proxy outlive the driver: traffic still splits over both versions
    expect(d.data.newInstances).toHaveLength(1);
    expect(Object.values(await proxyWeights(ws.port)).sort()).toEqual([50, 50]);

    const resumed = await ws.cara(['deploy', 'resume', started.id, '--json']);
    const final = JSON.parse(resumed.stdout) as Deployment;
    expect(['succeeded', 'rolled-back'], resumed.stderr).toContain(final.state);
    expect(final.data.analyses.length).toBeGreaterThan(0);
    const serving = final.state === 'succeeded' ? 'v2' : 'v1';
    expect(await versionsServing(ws.port)).toEqual(new Set([serving]));
    expectEveryAnswer2xx('v2');
  }, 150_000);

  it('a killed driver and a dead canary instance are rolled back by the next status, and no request fails', async () => {
    const stable = (await versionsServing(ws.port)).values().next().value;
    ws.commitVersion('v3', { SERVICE_VERSION: 'v3' });
    const run = spawnDeploy(ws, [VERSION_HEAD, '--strategy', 'canary']);
    const exited = new Promise<number | null>((resolve) =>
      run.child.once('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? -9 : _code)),
    );
    const id = await waitFor('the deployment id', async () => /\[(nepa-agent-\d+)\]/.exec(run.stderr())?.[1]);
    const d = await midAnalysis(id);
    expect(pidOf(d.owner)).toBe(run.child.pid);
    run.child.kill('SIGKILL');
    expect(await exited).toBe(-9);
    const instance = d.data.newInstances[0];
    expect(instance).toBeDefined();
    process.kill(-(instance?.pid as number), 'SIGKILL');

    const { deployment: after } = await ws.status(id);
    expect(after.state).toBe('rolled-back');
    expect(after.reason).toMatch(/reconciled after the driving process died/);
    expect(after.data.newInstances).toEqual([]);
    expect(await versionsServing(ws.port)).toEqual(new Set([stable]));
    expectEveryAnswer2xx('v3');
  }, 150_000);
});
