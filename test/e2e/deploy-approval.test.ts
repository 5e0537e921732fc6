/**
 * Approval gates and bad input on the reference agent, through the built CLI: a gated canary
 * waits for an approver, the person who started it and strangers are refused, another approver
 * releases it, a rejection rolls it back — all in `cara audit log`. A second deployment of the
 * same service is locked out, a version that cannot start fails without touching the traffic,
 * and a canary config whose steps are wrong is refused naming the line.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/deploy/index.js';
import { makeGitRepo, runCara } from '../support/cli.js';
import {
  AGENT_SERVICE,
  auditLog,
  createDeployWorkspace,
  type DeployWorkspace,
  deploy,
  proxyWeights,
  startDetached,
  VERSION_HEAD,
  versionsServing,
  waitFor,
} from './support/deploy.js';

const ALICE = 'alice@agency.example.gov';
const BOB = 'bob@agency.example.gov';
const MALLORY = 'mallory@elsewhere.example.com';

let ws: DeployWorkspace;
let stableLabel = '';

beforeAll(async () => {
  ws = await createDeployWorkspace({
    actor: ALICE,
    service: {
      instances: 1,
      drainSeconds: 2,
      canary: { steps: [{ setWeight: 20 }, { approval: { roles: ['release-manager'] } }] },
    },
    deploy: {
      approvers: [
        { identity: ALICE, roles: ['release-manager'] },
        { identity: BOB, roles: ['release-manager', 'security'] },
      ],
    },
  });
  const v1 = await deploy(ws, [VERSION_HEAD]);
  expect(v1.deployment.state, v1.result.stderr).toBe('succeeded');
}, 120_000);

afterAll(async () => {
  await ws?.teardown();
});

async function waitForState(id: string, states: string[]): Promise<Deployment> {
  return waitFor(
    `${id} to reach ${states.join(' or ')}`,
    async () => {
      const { deployment: d } = await ws.status(id);
      if (states.includes(d.state)) return d;
      if (!d.active) throw new Error(`${id} ended as ${d.state}: ${d.reason}`);
      return undefined;
    },
    120_000,
  );
}

describe('approval gates', () => {
  it('a gated canary waits for an approver; self-approval and strangers are refused', async () => {
    ws.commitVersion('v2', { SERVICE_VERSION: 'v2' });
    const started = await startDetached(ws, [VERSION_HEAD, '--strategy', 'canary']);
    expect(started.startedBy).toBe(ALICE);
    const waiting = await waitForState(started.id, ['awaiting-approval']);
    expect(waiting.data.weight).toBe(20);

    // one deployment per service at a time
    const second = await ws.cara(['deploy', 'start', '--service', AGENT_SERVICE, VERSION_HEAD, '--json']);
    expect(second.code).toBe(2);
    expect(JSON.parse(second.stdout).error.code).toBe('DEPLOY_LOCKED');
    expect(second.stderr).toContain(`is being deployed: ${started.id}`);

    const self = await ws.cara(['approve', started.id, '--comment', 'lgtm'], { actor: ALICE });
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/started .* and cannot approve it \(separation of duties\)/);
    const stranger = await ws.cara(['approve', started.id], { actor: MALLORY });
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toContain(`${MALLORY} is not an approver`);
    // still waiting after both refusals
    expect((await ws.status(started.id)).deployment.state).toBe('awaiting-approval');

    const bob = await ws.cara(['approve', started.id, '--comment', 'checked the canary'], { actor: BOB });
    expect(bob.code, bob.stderr).toBe(0);
    expect(bob.stdout).toContain(`approved ${started.id}`);
    const done = await waitForState(started.id, ['succeeded', 'rolled-back', 'aborted', 'failed']);
    expect(done.state).toBe('succeeded');
    expect(await versionsServing(ws.port)).toEqual(new Set(['v2']));
    stableLabel = done.version;

    const events = (await auditLog(ws, 'approval.*')).filter((e) => e.subject === started.id);
    expect(events.map((e) => [e.type, e.outcome.status, e.actor])).toEqual([
      ['approval.request', 'success', ALICE],
      ['approval.grant', 'failure', ALICE],
      ['approval.grant', 'failure', MALLORY],
      ['approval.grant', 'success', BOB],
    ]);
    expect(events[1]?.outcome.reason).toMatch(/cannot approve it/);
    expect(events[2]?.outcome.reason).toMatch(/is not an approver/);
    expect(events[3]?.details.comment).toBe('checked the canary');
  }, 150_000);

  it('a version that cannot start fails and the traffic stays on the stable version', async () => {
    ws.commitVersion('v3: a setting the agent refuses', { SERVICE_VERSION: 'v3', LATENCY_MS: 'soon' });
    const { deployment: d, result } = await deploy(ws, [VERSION_HEAD, '--strategy', 'canary']);
    expect(d.state, result.stderr).toBe('failed');
    expect(result.code).toBe(1);
    expect(d.reason).toMatch(/LATENCY_MS|exited|ready/);
    expect(d.data.weight).toBe(0);
    expect(await proxyWeights(ws.port)).toEqual({ [stableLabel]: 100 });
    expect(await versionsServing(ws.port)).toEqual(new Set(['v2']));
  }, 150_000);

  it('a rejected gate aborts the deployment and sends all traffic back to the stable version', async () => {
    ws.commitVersion('v4', { SERVICE_VERSION: 'v4' });
    const started = await startDetached(ws, [VERSION_HEAD, '--strategy', 'canary']);
    await waitForState(started.id, ['awaiting-approval']);
    expect((await versionsServing(ws.port, 40)).has('v4')).toBe(true);
    const reject = await ws.cara(['reject', started.id, '--comment', 'not this week'], { actor: BOB });
    expect(reject.code, reject.stderr).toBe(0);
    const done = await waitForState(started.id, ['succeeded', 'rolled-back', 'aborted', 'failed']);
    expect(done.state).toBe('aborted');
    expect(done.reason).toBe(`rejected by ${BOB}: not this week`);
    expect(await versionsServing(ws.port)).toEqual(new Set(['v2']));
    const denied = (await auditLog(ws, 'approval.deny')).filter((e) => e.subject === started.id);
    expect(denied.map((e) => [e.outcome.status, e.actor])).toEqual([['success', BOB]]);
  }, 150_000);
});

describe('bad input', () => {
  it('a canary config whose weights do not sum to 100 or go backwards is refused naming the line', async () => {
    const repo = makeGitRepo('cara-e2e-deploy-config-');
    try {
      expect((await runCara(['init'], { cwd: repo.dir })).code).toBe(0);
      appendFileSync(
        join(repo.dir, 'cara.config.yaml'),
        [
          'deploy:',
          '  services:',
          '    web:',
          '      port: 18080',
          '      command: [node, server.js]',
          '      canary:',
          '        steps:',
          '          - setWeight: 50',
          '          - analysis: { seconds: 10 }',
          '          - weights: { stable: 70, canary: 20 }',
          '',
        ].join('\n'),
      );
      const r = await runCara(['deploy', 'start', '--service', 'web', VERSION_HEAD], { cwd: repo.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /cara\.config\.yaml:\d+:\d+ deploy\.services\.web\.canary\.steps\[2\]\.weights: weights must sum to 100 \(stable 70 \+ canary 20 = 90\)/,
      );
      expect(r.stderr).toMatch(
        /cara\.config\.yaml:\d+:\d+ deploy\.services\.web\.canary\.steps\[2\]: steps out of order: weight 20 comes after weight 50/,
      );
    } finally {
      repo.remove();
    }
  }, 30_000);

  it('takes the documented `--version REF` of deploy start as the version to deploy', async () => {
    const r = await ws.cara(['deploy', 'start', '--service', AGENT_SERVICE, '--version', 'no-such-ref']);
    expect(r.stdout.trim()).not.toBe('0.1.0');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-ref');
  }, 30_000);
});
