import { CaraError } from '../../core/index.js';
import { connectProxyDaemon } from '../proxy/index.js';
import { Driver } from './driver.js';
import {
  type DeployEnvironment,
  isoNow,
  now,
  ownerAlive,
  ownerId,
  proxyFor,
  serviceConfig,
  serviceStateDir,
  targetFor,
} from './environment.js';
import { buildPlan, describeStep } from './plan.js';
import {
  activeDeployment,
  addApproval,
  getDeployment,
  insertDeployment,
  serviceState,
  setRequest,
  toDeployment,
} from './records.js';
import type { Approval, Deployment, OperatorRequest, StrategyName } from './types.js';

export interface StartInput {
  service: string;
  /** A git ref of the repository. */
  ref?: string | undefined;
  /** A folder used in place (instead of a ref). */
  dir?: string | undefined;
  strategy?: StrategyName | undefined;
}

const RISK_BANDS = ['low', 'medium', 'high'] as const;

/** The strategy: the flag, else the version's risk band when scored and mapped, else the config. */
async function chooseStrategy(
  env: DeployEnvironment,
  input: StartInput,
  commit: string | undefined,
): Promise<{ strategy: StrategyName; reason: string }> {
  const service = serviceConfig(env.config, input.service);
  if (input.strategy) return { strategy: input.strategy, reason: '--strategy' };
  if (service.strategyByRisk && commit) {
    const score = await env.store.db
      .selectFrom('risk_scores')
      .select(['band', 'probability'])
      .where('rev', 'in', [commit, input.ref ?? commit])
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    const band = RISK_BANDS.find((b) => b === score?.band);
    const mapped = band ? service.strategyByRisk[band] : undefined;
    if (score && band && mapped)
      return {
        strategy: mapped,
        reason: `risk band ${band} (score ${Number(score.probability).toFixed(2)})`,
      };
  }
  return { strategy: service.strategy, reason: 'deploy.services.*.strategy' };
}

/**
 * Creates a deployment: reconciles the service, checks out the version, plans the steps and takes
 * the per-service lock. Does not run it; see {@link driveDeployment}.
 */
export async function startDeployment(env: DeployEnvironment, input: StartInput): Promise<Deployment> {
  if ((input.ref === undefined) === (input.dir === undefined)) {
    throw new CaraError('USAGE', 'give exactly one of --version REF or --dir FOLDER');
  }
  const service = serviceConfig(env.config, input.service);
  await reconcileService(env, input.service);
  const held = await activeDeployment(env.store, input.service);
  if (held) throw lockedError(held, env);
  // The proxy first: a service port taken by another program fails here, before anything starts.
  await proxyFor(env, input.service, service);
  const target = targetFor(service);
  const prepared = await target.prepareVersion(env.root, serviceStateDir(env.root, input.service), {
    ...(input.ref !== undefined ? { ref: input.ref } : { dir: input.dir as string }),
  });
  const stable = await serviceState(env.store, input.service);
  if (stable && stable.version === prepared.label) {
    throw new CaraError('DEPLOY_STATE', `${input.service} already runs ${prepared.label} (${prepared.ref})`, {
      hint: 'deploy another commit, or check `cara deploy status`',
    });
  }
  const { strategy, reason } = await chooseStrategy(env, input, prepared.commit);
  const plan = buildPlan({ service, strategy, strategyReason: reason, initial: stable === undefined });
  const at = isoNow(env);
  const result = await insertDeployment(env.store, {
    service: input.service,
    version: prepared.label,
    ref: prepared.ref,
    commit: prepared.commit ?? null,
    strategy,
    state: 'starting',
    step: 0,
    active: true,
    startedBy: env.actor,
    startedAt: at,
    updatedAt: at,
    finishedAt: null,
    outcome: null,
    reason: null,
    stableVersion: stable?.version ?? null,
    plan,
    data: {
      newVersion: prepared,
      newInstances: [],
      stableInstances: stable?.instances ?? [],
      stableCheckoutDir: stable?.checkoutDir ?? null,
      weight: 0,
      analyses: [],
      timeline: [],
    },
    request: null,
    owner: ownerId(),
    heartbeatAt: at,
  });
  if ('holder' in result) throw lockedError(result.holder, env);
  const deployment = result.deployment;
  const gated = plan.steps.some((s) => s.kind === 'approval');
  await env.audit.record({
    type: 'deploy.start',
    outcome: 'success',
    subject: deployment.id,
    details: {
      service: deployment.service,
      version: deployment.version,
      ref: deployment.ref,
      commit: deployment.commit,
      strategy,
      strategyReason: reason,
      stable: deployment.stableVersion,
      steps: plan.steps.map(describeStep),
      policy: gated ? 'approval' : 'automatic',
    },
  });
  env.log(
    `[${deployment.id}] ${plan.initial ? 'initial deployment' : `${strategy} (${reason})`} of ${deployment.service} ` +
      `${deployment.version} (${deployment.ref})${deployment.stableVersion ? ` over ${deployment.stableVersion}` : ''}: ` +
      plan.steps.map(describeStep).join(' → '),
  );
  return deployment;
}

function lockedError(held: Deployment, env: DeployEnvironment): CaraError {
  const driving = ownerAlive(held.owner, held.heartbeatAt, now(env));
  return new CaraError(
    'DEPLOY_LOCKED',
    `${held.service} is being deployed: ${held.id} (${held.version}, ${held.state}${driving ? `, driven by ${held.owner}` : ', no process is driving it'})`,
    {
      hint: driving
        ? `wait for it, or \`cara deploy abort ${held.id}\``
        : `\`cara deploy resume ${held.id}\` continues it, \`cara deploy abort ${held.id}\` rolls it back`,
    },
  );
}

/**
 * Takes over a deployment for this process, unless another live process drives it.
 * Atomic across processes: the claim happens in the service's exclusive transaction.
 */
export async function claimDeployment(env: DeployEnvironment, id: string): Promise<Deployment> {
  const first = await getDeployment(env.store, id);
  return env.store.exclusive(`deploy:${first.service}`, async (trx) => {
    const row = await trx
      .selectFrom('deployments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const d = toDeployment(row);
    const me = ownerId();
    if (d.owner !== null && d.owner !== me && ownerAlive(d.owner, d.heartbeatAt, now(env)))
      throw lockedError(d, env);
    const at = isoNow(env);
    await trx.updateTable('deployments').set({ owner: me, heartbeat_at: at }).where('id', '=', id).execute();
    return { ...d, owner: me, heartbeatAt: at };
  });
}

/** Drives a deployment (claimed first) to its end, or until the environment's signal detaches. */
export async function driveDeployment(env: DeployEnvironment, id: string): Promise<Deployment> {
  const deployment = await claimDeployment(env, id);
  if (!deployment.active) return deployment;
  return new Driver(env, deployment).run();
}

/**
 * Makes a service safe when no process drives its deployment: the proxy daemon is (re)started
 * with its last routes, and a deployment whose new version died is rolled back at once. A
 * deployment whose processes all live is left for `cara deploy resume`. Returns it, if any.
 */
export async function reconcileService(
  env: DeployEnvironment,
  service: string,
): Promise<Deployment | undefined> {
  const held = await activeDeployment(env.store, service);
  if (!held || ownerAlive(held.owner, held.heartbeatAt, now(env))) return held;
  const config = serviceConfig(env.config, service);
  await proxyFor(env, service, config);
  const target = targetFor(config);
  const dead = held.data.newInstances.filter((i) => !target.isAlive(i));
  if (dead.length > 0 || held.state === 'rolling-back') {
    env.log(
      `[${held.id}] no process was driving it and ${dead.length > 0 ? `${dead.length} new instance(s) died` : 'it was rolling back'}: rolling back now`,
    );
    const claimed = await claimDeployment(env, held.id);
    const driver = new Driver(env, {
      ...claimed,
      state: 'rolling-back',
      outcome: claimed.outcome ?? 'rolled-back',
      reason:
        claimed.reason ??
        `reconciled after the driving process died: ${dead.map((i) => `instance #${i.index} (pid ${i.pid})`).join(', ')} of ${held.version} exited`,
    });
    return driver.run();
  }
  env.log(
    `[${held.id}] no process is driving it (step ${held.step + 1}: ${describeStep(held.plan.steps[held.step])}); ` +
      `its instances are alive and the proxy routes around any that fail; \`cara deploy resume ${held.id}\` continues it`,
  );
  return held;
}

/** Asks for promote/abort/rollback; when nothing drives the deployment this process does it. */
export async function requestAction(
  env: DeployEnvironment,
  id: string,
  action: OperatorRequest['action'],
  options: { full?: boolean; comment?: string } = {},
): Promise<{ deployment: Deployment; drivenHere: boolean }> {
  const d = await getDeployment(env.store, id);
  if (!d.active) {
    throw new CaraError('DEPLOY_STATE', `deployment ${id} already ended (${d.state}: ${d.reason ?? ''})`, {
      hint: 'start a new deployment with `cara deploy start`',
    });
  }
  if (action === 'promote' && options.full) {
    const gate = d.plan.steps.findIndex((s, i) => i >= d.step && s.kind === 'approval');
    if (gate >= 0) {
      throw new CaraError(
        'DEPLOY_STATE',
        `promote --full cannot skip the approval gate at step ${gate + 1} of ${id}`,
        {
          hint: `an approver runs \`cara approve ${id}\``,
        },
      );
    }
  }
  const request: OperatorRequest = {
    action,
    by: env.actor,
    at: isoNow(env),
    ...(options.full ? { full: true } : {}),
    ...(options.comment ? { comment: options.comment } : {}),
  };
  await setRequest(env.store, id, request);
  await env.audit.record({
    type: action === 'promote' ? 'privileged.run' : 'deploy.step',
    outcome: 'success',
    subject: id,
    details: { request: action, full: options.full ?? false, comment: options.comment ?? null },
  });
  if (ownerAlive(d.owner, d.heartbeatAt, now(env))) return { deployment: d, drivenHere: false };
  if (action === 'promote' && d.state === 'awaiting-approval') return { deployment: d, drivenHere: false };
  return { deployment: await driveDeployment(env, id), drivenHere: true };
}

/**
 * Records an approval or rejection of the gate a deployment waits at. The approver must be in
 * deploy.approvers with one of the gate's roles, and may not approve their own deployment unless
 * deploy.allowSelfApproval says so (AC-5). Refusals are audited too.
 */
export async function decideApproval(
  env: DeployEnvironment,
  id: string,
  decision: Approval['decision'],
  comment: string | undefined,
): Promise<Approval> {
  const d = await getDeployment(env.store, id);
  const type = decision === 'approve' ? 'approval.grant' : 'approval.deny';
  const refuse = async (error: CaraError): Promise<never> => {
    await env.audit.record({
      type,
      outcome: 'failure',
      reason: error.message,
      subject: id,
      details: { comment: comment ?? null },
    });
    throw error;
  };
  const step = d.plan.steps[d.step];
  if (!d.active || step?.kind !== 'approval') {
    return refuse(
      new CaraError(
        'DEPLOY_STATE',
        `deployment ${id} is not waiting for an approval (${d.state}, step ${d.step + 1}: ${describeStep(step)})`,
      ),
    );
  }
  const approver = env.config.deploy.approvers.find((a) => a.identity === env.actor);
  if (!approver) {
    return refuse(
      new CaraError(
        'APPROVER_UNKNOWN',
        `${env.actor} is not an approver (deploy.approvers in cara.config.yaml)`,
        {
          hint: `the gate needs one of the roles ${step.roles.join(', ')}; set CARA_ACTOR or git user.email to an approver's identity`,
        },
      ),
    );
  }
  if (!approver.roles.some((r) => step.roles.includes(r))) {
    return refuse(
      new CaraError(
        'APPROVER_UNKNOWN',
        `${env.actor} has the role(s) ${approver.roles.join(', ')}; this gate needs ${step.roles.join(' or ')}`,
      ),
    );
  }
  if (decision === 'approve' && env.actor === d.startedBy && !env.config.deploy.allowSelfApproval) {
    return refuse(
      new CaraError(
        'SELF_APPROVAL',
        `${env.actor} started ${id} and cannot approve it (separation of duties)`,
        {
          hint: 'another approver runs `cara approve`; deploy.allowSelfApproval: true turns this off',
        },
      ),
    );
  }
  const approval = await addApproval(env.store, {
    deploymentId: id,
    step: d.step,
    actor: env.actor,
    decision,
    comment: comment ?? null,
    createdAt: isoNow(env),
  });
  await env.audit.record({
    type,
    outcome: 'success',
    subject: id,
    details: {
      service: d.service,
      version: d.version,
      step: d.step,
      roles: approver.roles,
      comment: comment ?? null,
    },
  });
  return approval;
}

/**
 * Takes a service down: its instances are drained and stopped, the proxy daemon shut down, and
 * the service forgotten (the next deployment is an initial one). Refused while a deployment runs.
 */
export async function stopService(env: DeployEnvironment, service: string): Promise<{ stopped: number }> {
  const config = serviceConfig(env.config, service);
  const held = await activeDeployment(env.store, service);
  if (held) throw lockedError(held, env);
  const state = await serviceState(env.store, service);
  const target = targetFor(config);
  const instances = state?.instances ?? [];
  await Promise.all(
    instances.map((i) => target.stopInstance(i, { drainMs: Math.round(config.drainSeconds * 1000) })),
  );
  const proxy = await connectProxyDaemon(serviceStateDir(env.root, service));
  await proxy?.shutdown();
  await env.store.db.deleteFrom('deploy_services').where('service', '=', service).execute();
  await env.audit.record({
    type: 'deploy.finish',
    outcome: 'success',
    reason: 'service stopped',
    subject: service,
    details: { service, version: state?.version ?? null, instances: instances.length },
  });
  env.log(`${service}: ${instances.length} instance(s) stopped, proxy shut down`);
  return { stopped: instances.length };
}
