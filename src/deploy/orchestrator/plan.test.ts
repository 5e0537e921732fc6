import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/index.js';
import type { Verdict } from '../judge/index.js';
import { ownerAlive } from './environment.js';
import { buildPlan, describeStep } from './plan.js';
import { extensionSeconds } from './steps.js';

const serviceWith = (extra: Record<string, unknown>) =>
  configSchema.parse({ deploy: { services: { api: { port: 8080, command: ['node', 'x.js'], ...extra } } } })
    .deploy.services.api!;

const issues = (extra: Record<string, unknown>) =>
  configSchema
    .safeParse({ deploy: { services: { api: { port: 8080, command: ['node', 'x.js'], ...extra } } } })
    .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('deploy config', () => {
  it('rejects canary weights out of order and explicit weights that do not sum to 100', () => {
    expect(issues({ canary: { steps: [{ setWeight: 50 }, { setWeight: 20 }] } })).toEqual([
      'deploy.services.api.canary.steps.1: steps out of order: weight 20 comes after weight 50; canary weights only grow (a rollback is automatic)',
    ]);
    expect(issues({ canary: { steps: [{ weights: { stable: 80, canary: 30 } }] } }).join('\n')).toMatch(
      /weights must sum to 100 \(stable 80 \+ canary 30 = 110\)/,
    );
    expect(issues({ rolling: { maxSurge: 0, maxUnavailable: 0 } }).join('\n')).toMatch(/cannot both be 0/);
    expect(issues({ canary: { steps: [{ analysis: { seconds: 5 } }] } }).join('\n')).toMatch(
      /at least one setWeight/,
    );
  });
});

describe('buildPlan', () => {
  it('plans a canary from its steps, numbering the analysis looks', () => {
    const plan = buildPlan({
      service: serviceWith({}),
      strategy: 'canary',
      strategyReason: 'test',
      initial: false,
    });
    expect(plan.steps.map(describeStep)).toEqual([
      'start 2 instance(s)',
      'set weight 10%',
      'analysis 20s (live)',
      'set weight 50%',
      'analysis 20s (live)',
      'promote',
    ]);
    expect(plan.analysis.looks).toBe(2);
    expect(
      plan.steps.filter((s) => s.kind === 'analysis').map((s) => (s.kind === 'analysis' ? s.look : 0)),
    ).toEqual([1, 2]);
  });

  it('plans blue-green with a preview analysis, an optional gate, the switch and a rollback window', () => {
    const plan = buildPlan({
      service: serviceWith({ blueGreen: { approval: { roles: ['cab'] } } }),
      strategy: 'blue-green',
      strategyReason: 'test',
      initial: false,
    });
    expect(plan.steps.map((s) => s.kind)).toEqual([
      'start',
      'preview',
      'analysis',
      'approval',
      'switch',
      'analysis',
      'promote',
    ]);
  });

  it('plans rolling batches bounded by surge and unavailability', () => {
    const plan = buildPlan({
      service: serviceWith({ instances: 5, rolling: { batchSize: 2, maxSurge: 2 } }),
      strategy: 'rolling',
      strategyReason: 'test',
      initial: false,
    });
    expect(
      plan.steps.filter((s) => s.kind === 'batch').map((s) => (s.kind === 'batch' ? s.newTarget : 0)),
    ).toEqual([2, 4, 5]);
  });

  it('starts and promotes an initial deployment whatever the strategy', () => {
    const plan = buildPlan({
      service: serviceWith({}),
      strategy: 'blue-green',
      strategyReason: 'test',
      initial: true,
    });
    expect(plan.steps.map((s) => s.kind)).toEqual(['start', 'promote']);
  });
});

describe('extensionSeconds', () => {
  const verdict = (needMore: number) => ({ metrics: [{ needMore }] }) as unknown as Verdict;
  it('extends by the time the missing samples take at the observed rate, within one to four intervals', () => {
    expect(extensionSeconds(verdict(100), 50, 10_000, 10)).toBe(22); // 5/s -> 20 s, +10%
    expect(extensionSeconds(verdict(5), 50, 10_000, 10)).toBe(10);
    expect(extensionSeconds(verdict(10_000), 50, 10_000, 10)).toBe(40);
    expect(extensionSeconds(verdict(100), 0, 10_000, 10)).toBe(10);
  });
});

describe('ownerAlive', () => {
  const now = new Date();
  it('needs a live pid on this host and a fresh heartbeat', () => {
    const me = `${process.pid}@${hostname()}`;
    expect(ownerAlive(me, now.toISOString(), now)).toBe(true);
    expect(ownerAlive(me, new Date(now.getTime() - 60_000).toISOString(), now)).toBe(false);
    expect(ownerAlive(`999999999@${hostname()}`, now.toISOString(), now)).toBe(false);
    expect(ownerAlive(null, now.toISOString(), now)).toBe(false);
  });
});
