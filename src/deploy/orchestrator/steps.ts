import type { ServiceConfig } from '../../core/index.js';
import { CaraError } from '../../core/index.js';
import type { Verdict } from '../judge/index.js';
import type { ProxyControl } from '../proxy/index.js';
import type { DeployTarget, InstanceRecord } from '../targets/index.js';
import { intervalSamples, judgeInterval, keepBaseline } from './analysis.js';
import { type DeployEnvironment, isoNow, now } from './environment.js';
import { approvalsFor } from './records.js';
import { RollbackSignal } from './signals.js';
import type { AnalysisRecord, Deployment, DeployState, PlanStep } from './types.js';

/**
 * The steps that wait and judge (analysis, pause, approval) and the rolling batch, as functions
 * over the driver that runs them.
 */

/** What a step needs from the driver. */
export interface StepHost {
  /** The deployment, mutated in place and persisted by `save`. */
  readonly d: Deployment;
  readonly env: DeployEnvironment;
  readonly proxy: ProxyControl;
  readonly target: DeployTarget;
  readonly service: ServiceConfig;
  log(line: string): void;
  save(message?: string): Promise<void>;
  setState(state: DeployState, message?: string): Promise<void>;
  /** Heartbeat, operator requests and crash checks; throws the signal that ends the step. */
  checkpoint(step: PlanStep): Promise<void>;
  waitUntil(step: PlanStep, deadline: number, until?: () => Promise<boolean>): Promise<void>;
  /** A deadline for the current step, persisted so that a resumed wait keeps it. */
  deadline(ms: number): Promise<number>;
  route(weight: number): Promise<void>;
  startInstances(
    version: { label: string; checkoutDir: string },
    existing: InstanceRecord[],
    count: number,
    save: (records: InstanceRecord[]) => void,
  ): Promise<InstanceRecord[]>;
}

/**
 * How long to extend an inconclusive interval: the time the canary needs, at the rate it got
 * traffic so far, to collect the samples the judge asked for; at least one interval, at most four.
 */
export function extensionSeconds(
  verdict: Verdict,
  canaryRequests: number,
  elapsedMs: number,
  interval: number,
): number {
  const need = Math.max(0, ...verdict.metrics.map((m) => m.needMore ?? 0));
  const rate = canaryRequests / Math.max(1, elapsedMs / 1000);
  const wanted = rate > 0 ? Math.ceil((need / rate) * 1.1) : interval;
  return Math.min(4 * interval, Math.max(interval, wanted));
}

export async function analyse(host: StepHost, step: Extract<PlanStep, { kind: 'analysis' }>): Promise<void> {
  const plan = host.d.plan.analysis;
  const warmup = plan.warmupSeconds ?? 0;
  await host.setState(
    'analysing',
    `analysis ${step.look}/${plan.looks}: ${warmup > 0 ? `${warmup}s warm-up, then ` : ''}${step.seconds}s`,
  );
  if (warmup > 0) await host.waitUntil(step, now(host.env).getTime() + warmup * 1000);
  await host.proxy.resetMetrics();
  const stable = host.d.stableVersion ?? '';
  // After the last rolling batch no old instance gets traffic: judge against the samples the
  // old version served before it was stopped.
  const source =
    step.source === 'live' && host.d.data.stableInstances.length === 0 && host.d.data.baseline
      ? 'post-switch'
      : step.source;
  const started = now(host.env).getTime();
  let end = started + step.seconds * 1000;
  let extensions = 0;
  for (;;) {
    await host.waitUntil(step, end);
    const metrics = await host.proxy.metrics();
    const samples = intervalSamples(source, metrics, stable, host.d.version, host.d.data.baseline);
    const verdict = judgeInterval(plan, step.look, samples);
    const last = step.look >= plan.looks;
    if (verdict.decision === 'inconclusive' && last && extensions < plan.maxExtensions) {
      extensions++;
      const extra = extensionSeconds(
        verdict,
        samples.canary.requests,
        now(host.env).getTime() - started,
        step.seconds,
      );
      end = now(host.env).getTime() + extra * 1000;
      host.log(`inconclusive (${verdict.summary.split('\n')[0]}); extending by ${extra}s`);
      continue;
    }
    const record: AnalysisRecord = {
      step: host.d.step,
      at: isoNow(host.env),
      source: step.source,
      decision: verdict.decision,
      score: verdict.score,
      summary: verdict.summary,
      metrics: verdict.metrics.map((m) => ({ name: m.name, status: m.status, explanation: m.explanation })),
      samples: { baseline: samples.baseline.requests, canary: samples.canary.requests },
      extensions,
    };
    host.d.data.analyses.push(record);
    if (step.source === 'preview') host.d.data.baseline = keepBaseline(samples.baseline);
    await host.save(`verdict ${verdict.summary.replaceAll('\n', '\n    ')}`);
    await host.env.audit.record({
      type: 'deploy.step',
      outcome: verdict.decision === 'fail' ? 'failure' : 'success',
      reason: verdict.decision === 'fail' ? verdict.summary.split('\n')[0] : undefined,
      subject: host.d.id,
      details: { analysis: record, weight: host.d.data.weight },
    });
    return decide(host, verdict.decision, step, verdict.summary.split('\n')[0] ?? '');
  }
}

export async function decide(
  host: StepHost,
  decision: string,
  step: Extract<PlanStep, { kind: 'analysis' }>,
  headline: string,
) {
  const last = step.look >= host.d.plan.analysis.looks;
  if (decision === 'pass') return;
  if (decision === 'marginal' && !last) return;
  // Before the last look, too few samples with nothing failed moves on: the next step's larger
  // share gathers them faster. The last look decides (after its extensions).
  if (decision === 'inconclusive' && !last) return;
  if (decision === 'fail' || decision === 'marginal')
    throw new RollbackSignal('rolled-back', `analysis ${step.look} failed: ${headline}`);
  const action = host.d.plan.analysis.onInconclusive;
  if (action === 'promote') return;
  if (action === 'rollback')
    throw new RollbackSignal('rolled-back', `analysis ${step.look} inconclusive: ${headline}`);
  await host.setState(
    'paused',
    `analysis ${step.look} inconclusive: waiting for \`cara deploy promote ${host.d.id}\``,
  );
  await host.waitUntil(step, Number.POSITIVE_INFINITY);
}

export async function pause(host: StepHost, step: Extract<PlanStep, { kind: 'pause' }>): Promise<void> {
  if (step.seconds === undefined) {
    await host.setState('paused', `paused: \`cara deploy promote ${host.d.id}\` continues`);
    await host.waitUntil(step, Number.POSITIVE_INFINITY);
    return;
  }
  const end = await host.deadline(step.seconds * 1000);
  await host.setState('paused', `paused until ${new Date(end).toISOString()}`);
  await host.waitUntil(step, end);
}

export async function approval(host: StepHost, step: Extract<PlanStep, { kind: 'approval' }>): Promise<void> {
  const fresh = host.d.data.waitStep !== host.d.step;
  const end = await host.deadline(step.timeoutMinutes * 60_000);
  await host.setState(
    'awaiting-approval',
    `waiting for \`cara approve ${host.d.id}\` by ${step.roles.join(' or ')} until ${new Date(end).toISOString()}`,
  );
  if (fresh) {
    await host.env.audit.record({
      type: 'approval.request',
      outcome: 'success',
      subject: host.d.id,
      details: { service: host.d.service, version: host.d.version, step: host.d.step, roles: step.roles },
    });
  }
  let decided: { decision: string; actor: string; comment: string | null } | undefined;
  await host.waitUntil(step, end, async () => {
    const approvals = (await approvalsFor(host.env.store, host.d.id)).filter((a) => a.step === host.d.step);
    decided =
      approvals.find((a) => a.decision === 'reject') ?? approvals.find((a) => a.decision === 'approve');
    return decided !== undefined;
  });
  if (decided === undefined)
    throw new RollbackSignal('aborted', `approval gate timed out after ${step.timeoutMinutes} minute(s)`);
  const note = `${decided.actor}${decided.comment ? `: ${decided.comment}` : ''}`;
  if (decided.decision === 'reject') throw new RollbackSignal('aborted', `rejected by ${note}`);
  await host.save(`approved by ${note}`);
}

/** Rolling: bring the new version to `newTarget` instances and the old one down to the rest. */
export async function batch(host: StepHost, step: Extract<PlanStep, { kind: 'batch' }>): Promise<void> {
  await host.setState('progressing', `rolling batch ${step.index + 1}/${step.of}`);
  const total = host.d.plan.instances;
  const oldTarget = total - step.newTarget;
  const surge = host.service.rolling.maxSurge > 0;
  const byCounts = async () => {
    const n = host.d.data.newInstances.length;
    const o = host.d.data.stableInstances.length;
    await host.route(o === 0 ? 100 : n === 0 ? 0 : Math.round((100 * n) / (n + o)));
  };
  const startNew = async () => {
    try {
      await host.startInstances(host.d.data.newVersion, host.d.data.newInstances, step.newTarget, (r) => {
        host.d.data.newInstances = r;
      });
    } catch (error) {
      if (
        error instanceof CaraError &&
        (error.code === 'DEPLOY_START_FAILED' || error.code === 'DEPLOY_NOT_READY')
      )
        throw new RollbackSignal('failed', error.message);
      throw error;
    }
    await byCounts();
  };
  const stopOld = async () => {
    while (host.d.data.stableInstances.length > oldTarget) {
      const victim = host.d.data.stableInstances[host.d.data.stableInstances.length - 1] as InstanceRecord;
      host.d.data.stableInstances = host.d.data.stableInstances.slice(0, -1);
      await byCounts();
      await host.save();
      await host.target.stopInstance(victim, { drainMs: host.d.plan.drainMs });
    }
  };
  // The last batch stops every old instance: keep what they served as the baseline of its analysis.
  const stable = host.d.stableVersion;
  const served =
    oldTarget === 0 && stable !== null ? (await host.proxy.metrics()).main.versions[stable] : undefined;
  if (served && served.requests > 0) {
    host.d.data.baseline = keepBaseline({
      latenciesMs: served.latenciesMs,
      requests: served.requests,
      errors: served.errors,
    });
  }
  if (surge) {
    await startNew();
    await stopOld();
  } else {
    await stopOld();
    await startNew();
  }
  await host.checkpoint(step);
  await host.save(
    `batch ${step.index + 1}/${step.of}: ${host.d.data.newInstances.length} new, ${host.d.data.stableInstances.length} old, weight ${host.d.data.weight}%`,
  );
}
