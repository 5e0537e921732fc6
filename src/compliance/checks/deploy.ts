/** Deployment audit trails: every deployment finishes, every rollback completes with traffic on stable. */
import { z } from 'zod';
import type { AuditEvent } from '../../audit/index.js';
import { defineCheck, fail, notAssessed, pass, sample } from './check.js';
import { type DeploymentTrail, detailText, startedDeployments } from './deployments.js';

export const startFinish = defineCheck({
  id: 'deploy.start-finish',
  family: 'deploy',
  description: 'every deployment has a deploy.start and a deploy.finish event',
  parameters: z.strictObject({ inProgressGraceMinutes: z.number().int().min(0).default(1440) }).prefault({}),
  async run(ctx, { inProgressGraceMinutes }) {
    const events = await ctx.events();
    const deployments = startedDeployments(events);
    const finishedOnly = [
      ...new Set(
        events.filter((e) => e.type === 'deploy.finish' && e.subject !== null).map((e) => e.subject),
      ),
    ].filter((id) => !deployments.some((d) => d.id === id));
    if (deployments.length === 0 && finishedOnly.length === 0)
      return notAssessed('no deploy.start events recorded yet');
    const cutoff = ctx.now().getTime() - inProgressGraceMinutes * 60_000;
    const open = deployments.filter((d) => !d.events.some((e) => e.type === 'deploy.finish'));
    const inProgress = open.filter((d) => Date.parse(d.start?.time ?? '') >= cutoff);
    const unfinished = open.filter((d) => !inProgress.includes(d));
    const evidence = {
      deployments: deployments.length,
      finished: deployments.length - open.length,
      inProgress: sample(inProgress.map((d) => d.id)),
      unfinished: sample(unfinished.map((d) => d.id)),
      finishWithoutStart: sample(finishedOnly),
    };
    if (unfinished.length > 0)
      return fail(
        `${unfinished.length} deployments started over ${inProgressGraceMinutes} min ago never finished`,
        evidence,
      );
    if (finishedOnly.length > 0)
      return fail(`${finishedOnly.length} deploy.finish events have no deploy.start`, evidence);
    return pass(`${deployments.length - open.length} deployments started and finished`, evidence);
  },
});

const ROLLED_BACK = new Set(['rolled-back', 'rolledback', 'rollback', 'rolled_back']);

function isRolledBack(trail: DeploymentTrail): boolean {
  return trail.events.some(
    (e) =>
      e.type === 'deploy.rollback' ||
      (e.type === 'deploy.finish' &&
        ['result', 'status', 'state', 'outcome'].some((k) =>
          ROLLED_BACK.has((detailText(e, k) ?? '').toLowerCase()),
        )),
  );
}

/** Finish outcomes of the orchestrator that leave traffic on the stable version (`failed` does not). */
const STABLE_OUTCOMES = new Set(['rolled-back', 'aborted']);

/** Whether an event's details show all traffic back on the stable version. */
export function trafficOnStable(event: AuditEvent): boolean {
  const d = event.details;
  if (event.type === 'deploy.finish' && STABLE_OUTCOMES.has(String(d.outcome))) return true;
  const weights =
    d.weights !== null && typeof d.weights === 'object' ? (d.weights as Record<string, unknown>) : {};
  return (
    String(d.trafficOnStable) === 'true' ||
    String(d.traffic) === 'stable' ||
    Number(d.stableWeight) === 100 ||
    Number(weights.stable) === 100 ||
    (d.candidateWeight !== undefined && Number(d.candidateWeight) === 0)
  );
}

export const rollbacksComplete = defineCheck({
  id: 'deploy.rollbacks-complete',
  family: 'deploy',
  description:
    'every rolled back deployment has a deploy.rollback, then a deploy.finish, with traffic back on stable',
  parameters: z.strictObject({ requireTrafficEvidence: z.boolean().default(true) }).prefault({}),
  async run(ctx, { requireTrafficEvidence }) {
    const deployments = startedDeployments(await ctx.events()).filter(isRolledBack);
    if (deployments.length === 0) return notAssessed('no rolled back deployment recorded yet');
    const problems: { deployment: string; problem: string }[] = [];
    for (const d of deployments) {
      const rollback = d.events.find((e) => e.type === 'deploy.rollback');
      const finish = d.events.find(
        (e) => e.type === 'deploy.finish' && (rollback === undefined || e.seq > rollback.seq),
      );
      if (rollback === undefined) problems.push({ deployment: d.id, problem: 'no deploy.rollback event' });
      else if (finish === undefined)
        problems.push({ deployment: d.id, problem: 'no deploy.finish after the rollback' });
      else if (requireTrafficEvidence && !trafficOnStable(rollback) && !trafficOnStable(finish))
        problems.push({ deployment: d.id, problem: 'no evidence that traffic is back on stable' });
    }
    const evidence = { rolledBack: deployments.length, incomplete: sample(problems) };
    return problems.length === 0
      ? pass(`${deployments.length} rollbacks completed with traffic on stable`, evidence)
      : fail(
          `${problems.length} of ${deployments.length} rollbacks incomplete: ${problems[0]?.deployment} ${problems[0]?.problem}`,
          evidence,
        );
  },
});

export const DEPLOY_CHECKS = [startFinish, rollbacksComplete];
