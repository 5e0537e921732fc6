import type { Selectable } from 'kysely';
import { CaraError } from '../../core/errors.js';
import { uuidv7 } from '../../core/ids.js';
import type { DeployApprovalTable, DeploymentTable, DeployServiceTable, Store } from '../../store/index.js';
import type { Approval, Deployment, DeployState, OperatorRequest, Outcome, ServiceState } from './types.js';

/** Reads and writes deployments, service states and approvals in the store. */

export function toDeployment(row: Selectable<DeploymentTable>): Deployment {
  return {
    id: row.id,
    service: row.service,
    version: row.version,
    ref: row.ref,
    commit: row.commit,
    strategy: row.strategy as Deployment['strategy'],
    state: row.state as DeployState,
    step: Number(row.step),
    active: Number(row.active) === 1,
    startedBy: row.started_by,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    outcome: row.outcome as Outcome | null,
    reason: row.reason,
    stableVersion: row.stable_version,
    plan: JSON.parse(row.plan),
    data: JSON.parse(row.data),
    request: row.request === null ? null : (JSON.parse(row.request) as OperatorRequest),
    owner: row.owner,
    heartbeatAt: row.heartbeat_at,
  };
}

export function toRow(d: Deployment): DeploymentTable {
  return {
    id: d.id,
    service: d.service,
    version: d.version,
    ref: d.ref,
    commit: d.commit,
    strategy: d.strategy,
    state: d.state,
    step: d.step,
    active: d.active ? 1 : 0,
    started_by: d.startedBy,
    started_at: d.startedAt,
    updated_at: d.updatedAt,
    finished_at: d.finishedAt,
    outcome: d.outcome,
    reason: d.reason,
    stable_version: d.stableVersion,
    plan: JSON.stringify(d.plan),
    data: JSON.stringify(d.data),
    request: d.request === null ? null : JSON.stringify(d.request),
    owner: d.owner,
    heartbeat_at: d.heartbeatAt,
  };
}

export async function findDeployment(store: Store, id: string): Promise<Deployment | undefined> {
  const row = await store.db.selectFrom('deployments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDeployment(row) : undefined;
}

export async function getDeployment(store: Store, id: string): Promise<Deployment> {
  const found = await findDeployment(store, id);
  if (!found) {
    throw new CaraError('DEPLOY_NOT_FOUND', `no deployment "${id}"`, {
      hint: 'list deployments with `cara deploy history`',
    });
  }
  return found;
}

/** The deployment holding the service, if any. */
export async function activeDeployment(store: Store, service: string): Promise<Deployment | undefined> {
  const row = await store.db
    .selectFrom('deployments')
    .selectAll()
    .where('service', '=', service)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row ? toDeployment(row) : undefined;
}

export async function activeDeployments(store: Store): Promise<Deployment[]> {
  const rows = await store.db.selectFrom('deployments').selectAll().where('active', '=', 1).execute();
  return rows.map(toDeployment);
}

export async function listDeployments(
  store: Store,
  options: { service?: string | undefined; limit?: number } = {},
): Promise<Deployment[]> {
  let query = store.db.selectFrom('deployments').selectAll();
  if (options.service !== undefined) query = query.where('service', '=', options.service);
  const rows = await query
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 20)
    .execute();
  return rows.map(toDeployment);
}

/** The most recent deployment, of one service or of any. */
export async function latestDeployment(store: Store, service?: string): Promise<Deployment | undefined> {
  return (await listDeployments(store, { service, limit: 1 }))[0];
}

export async function saveDeployment(store: Store, d: Deployment): Promise<void> {
  const { id, ...rest } = toRow(d);
  await store.db.updateTable('deployments').set(rest).where('id', '=', id).execute();
}

/**
 * Inserts a new deployment unless the service is held by another one (the per-service lock),
 * atomically across processes. The id is `<service>-<n>`.
 */
export async function insertDeployment(
  store: Store,
  draft: Omit<Deployment, 'id'>,
): Promise<{ deployment: Deployment } | { holder: Deployment }> {
  return store.exclusive(`deploy:${draft.service}`, async (trx) => {
    const held = await trx
      .selectFrom('deployments')
      .selectAll()
      .where('service', '=', draft.service)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (held) return { holder: toDeployment(held) };
    const count = await trx
      .selectFrom('deployments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('service', '=', draft.service)
      .executeTakeFirstOrThrow();
    const deployment: Deployment = { ...draft, id: `${draft.service}-${Number(count.n) + 1}` };
    await trx.insertInto('deployments').values(toRow(deployment)).execute();
    return { deployment };
  });
}

/** Sets an operator request for the driving process, unless the deployment already finished. */
export async function setRequest(store: Store, id: string, request: OperatorRequest): Promise<void> {
  await store.db
    .updateTable('deployments')
    .set({ request: JSON.stringify(request) })
    .where('id', '=', id)
    .where('active', '=', 1)
    .execute();
}

export async function serviceState(store: Store, service: string): Promise<ServiceState | undefined> {
  const row = await store.db
    .selectFrom('deploy_services')
    .selectAll()
    .where('service', '=', service)
    .executeTakeFirst();
  return row ? toServiceState(row) : undefined;
}

export async function allServiceStates(store: Store): Promise<ServiceState[]> {
  const rows = await store.db.selectFrom('deploy_services').selectAll().orderBy('service').execute();
  return rows.map(toServiceState);
}

function toServiceState(row: Selectable<DeployServiceTable>): ServiceState {
  return {
    service: row.service,
    version: row.version,
    ref: row.ref,
    commit: row.commit,
    checkoutDir: row.checkout_dir,
    instances: JSON.parse(row.instances),
    deploymentId: row.deployment_id,
    updatedAt: row.updated_at,
  };
}

export async function saveServiceState(store: Store, state: ServiceState): Promise<void> {
  const row: DeployServiceTable = {
    service: state.service,
    version: state.version,
    ref: state.ref,
    commit: state.commit,
    checkout_dir: state.checkoutDir,
    instances: JSON.stringify(state.instances),
    deployment_id: state.deploymentId,
    updated_at: state.updatedAt,
  };
  const { service, ...rest } = row;
  await store.db
    .insertInto('deploy_services')
    .values(row)
    .onConflict((oc) => oc.column('service').doUpdateSet(rest))
    .execute();
}

export async function addApproval(store: Store, approval: Omit<Approval, 'id'>): Promise<Approval> {
  const full: Approval = { ...approval, id: uuidv7() };
  await store.db
    .insertInto('deploy_approvals')
    .values({
      id: full.id,
      deployment_id: full.deploymentId,
      step: full.step,
      actor: full.actor,
      decision: full.decision,
      comment: full.comment,
      created_at: full.createdAt,
    })
    .execute();
  return full;
}

export async function approvalsFor(store: Store, deploymentId: string): Promise<Approval[]> {
  const rows = await store.db
    .selectFrom('deploy_approvals')
    .selectAll()
    .where('deployment_id', '=', deploymentId)
    .orderBy('created_at')
    .execute();
  return rows.map(toApproval);
}

function toApproval(row: Selectable<DeployApprovalTable>): Approval {
  return {
    id: row.id,
    deploymentId: row.deployment_id,
    step: Number(row.step),
    actor: row.actor,
    decision: row.decision as Approval['decision'],
    comment: row.comment,
    createdAt: row.created_at,
  };
}

/** Clears the driving process of a deployment, so another process may claim it at once. */
export async function releaseOwner(store: Store, id: string): Promise<void> {
  await store.db.updateTable('deployments').set({ owner: null }).where('id', '=', id).execute();
}
