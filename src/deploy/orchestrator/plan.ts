import { type ServiceConfig, stepWeight } from '../../core/index.js';
import type { Plan, PlanStep, StrategyName } from './types.js';

export interface PlanInput {
  service: ServiceConfig;
  strategy: StrategyName;
  strategyReason: string;
  /** No stable version runs yet. */
  initial: boolean;
}

/**
 * Resolves a service's strategy settings into the ordered steps the orchestrator executes.
 * Every plan ends with a promotion; an initial deployment only starts and promotes.
 */
export function buildPlan(input: PlanInput): Plan {
  const { service } = input;
  const steps: PlanStep[] = [];
  if (input.initial) {
    steps.push({ kind: 'start', instances: service.instances }, { kind: 'promote' });
  } else if (input.strategy === 'canary') {
    steps.push(...canarySteps(service));
  } else if (input.strategy === 'blue-green') {
    steps.push(...blueGreenSteps(service));
  } else {
    steps.push(...rollingSteps(service));
  }
  let look = 0;
  for (const step of steps) if (step.kind === 'analysis') step.look = ++look;
  const { analysis } = service;
  return {
    strategy: input.strategy,
    initial: input.initial,
    strategyReason: input.strategyReason,
    instances: service.instances,
    drainMs: Math.round(service.drainSeconds * 1000),
    steps,
    analysis: {
      metrics: analysis.metrics,
      pass: analysis.pass,
      marginal: analysis.marginal,
      alpha: analysis.alpha,
      onInconclusive: analysis.onInconclusive,
      maxExtensions: analysis.maxExtensions,
      warmupSeconds: analysis.warmupSeconds,
      tailQuantile: analysis.tailQuantile,
      looks: look,
    },
  };
}

function canarySteps(service: ServiceConfig): PlanStep[] {
  const steps: PlanStep[] = [{ kind: 'start', instances: service.instances }];
  for (const step of service.canary.steps) {
    const weight = stepWeight(step);
    if (weight !== undefined) steps.push({ kind: 'weight', weight });
    else if (step.analysis)
      steps.push({ kind: 'analysis', seconds: step.analysis.seconds, source: 'live', look: 0 });
    else if (step.pause)
      steps.push(
        step.pause.seconds === undefined ? { kind: 'pause' } : { kind: 'pause', seconds: step.pause.seconds },
      );
    else if (step.approval)
      steps.push({
        kind: 'approval',
        roles: step.approval.roles,
        timeoutMinutes: step.approval.timeoutMinutes,
      });
  }
  steps.push({ kind: 'promote' });
  return steps;
}

function blueGreenSteps(service: ServiceConfig): PlanStep[] {
  const bg = service.blueGreen;
  const steps: PlanStep[] = [
    { kind: 'start', instances: service.instances },
    { kind: 'preview', mirrorPercent: bg.mirrorPercent },
    { kind: 'analysis', seconds: bg.analysisSeconds, source: 'preview', look: 0 },
  ];
  if (bg.approval)
    steps.push({ kind: 'approval', roles: bg.approval.roles, timeoutMinutes: bg.approval.timeoutMinutes });
  steps.push(
    { kind: 'switch' },
    { kind: 'analysis', seconds: bg.rollbackWindowSeconds, source: 'post-switch', look: 0 },
    { kind: 'promote' },
  );
  return steps;
}

/** Batches of at most min(batchSize, max(maxSurge, maxUnavailable)) instances, each judged. */
function rollingSteps(service: ServiceConfig): PlanStep[] {
  const r = service.rolling;
  const size = Math.max(1, Math.min(r.batchSize, Math.max(r.maxSurge, r.maxUnavailable)));
  const total = service.instances;
  const batches = Math.ceil(total / size);
  const steps: PlanStep[] = [];
  for (let index = 0; index < batches; index++) {
    steps.push({ kind: 'batch', index, of: batches, newTarget: Math.min(total, (index + 1) * size) });
    steps.push({ kind: 'analysis', seconds: r.analysisSeconds, source: 'live', look: 0 });
  }
  steps.push({ kind: 'promote' });
  return steps;
}

/** A short description of a step for status lines and audit events. */
export function describeStep(step: PlanStep | undefined): string {
  if (step === undefined) return 'done';
  switch (step.kind) {
    case 'start':
      return `start ${step.instances} instance(s)`;
    case 'weight':
      return `set weight ${step.weight}%`;
    case 'analysis':
      return `analysis ${step.seconds}s (${step.source})`;
    case 'pause':
      return step.seconds === undefined ? 'pause until promoted' : `pause ${step.seconds}s`;
    case 'approval':
      return `approval by ${step.roles.join(' or ')}`;
    case 'preview':
      return `preview (${step.mirrorPercent}% of GET/HEAD mirrored)`;
    case 'switch':
      return 'switch traffic to the new version';
    case 'batch':
      return `rolling batch ${step.index + 1}/${step.of} (${step.newTarget} new)`;
    case 'promote':
      return 'promote';
  }
}
