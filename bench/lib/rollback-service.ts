/**
 * The reference agent as a deployed service for the rollback benchmark: an agent workspace (temp
 * git repository, cara initialised), one store runtime kept open across deployments, and a
 * teardown that leaves no process or folder behind even when a deployment was cut short.
 */
import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import {
  AGENT_SERVICE,
  type AgentWorkspace,
  createAgentWorkspace,
} from '../../src/cli/actions/agent-workspace.js';
import { deployEnvironment } from '../../src/cli/actions/deploy.js';
import type { CliContext } from '../../src/cli/context.js';
import { openRuntime, type Runtime } from '../../src/cli/runtime.js';
import { readEnv } from '../../src/core/index.js';
import {
  allServiceStates,
  connectProxyDaemon,
  type DeployEnvironment,
  type Deployment,
  driveDeployment,
  getTarget,
  type InstanceRecord,
  listDeployments,
  serviceStateDir,
  startDeployment,
  stopService,
} from '../../src/deploy/index.js';

export interface AgentService {
  ws: AgentWorkspace;
  env: DeployEnvironment;
  /**
   * Commits a version with these fault knobs (none: deploys HEAD as it is) and drives its
   * deployment to the end: promoted, rolled back or failed.
   */
  deploy(version?: { message: string; knobs: Record<string, string> }): Promise<Deployment>;
  /** Stops every instance and the proxy, closes the store and removes the workspace. Idempotent. */
  teardown(warn: (line: string) => void): Promise<void>;
}

export interface AgentServiceOptions {
  /** Settings merged over the workspace's service defaults (never the analysis settings here). */
  service: Record<string, unknown>;
  /** Aborting detaches the running deployment; teardown then stops what it left. */
  signal: AbortSignal;
  /** Orchestrator progress lines. */
  log(line: string): void;
  keep?: boolean;
}

const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
const ACTOR = 'bench@rollback.example.gov';

export async function openAgentService(options: AgentServiceOptions): Promise<AgentService> {
  const caraEnv = { ...readEnv({ NO_COLOR: '1' }), actor: ACTOR };
  const ctx: CliContext = {
    env: caraEnv,
    output: { out: quiet, err: quiet, color: false },
    cwd: () => process.cwd(),
    setExitCode: () => undefined,
  };
  const ws = await createAgentWorkspace(ctx, {
    service: options.service,
    prefix: 'cara-bench-rollback-',
    email: ACTOR,
  });
  let rt: Runtime | undefined;
  let env: DeployEnvironment | undefined;
  try {
    rt = await openRuntime({
      cwd: ws.dir,
      env: caraEnv,
      output: { out: quiet, err: quiet, color: false },
      command: 'bench rollback',
    });
    env = { ...deployEnvironment(rt, ctx, options.signal), log: options.log };
  } catch (error) {
    await rt?.finish().catch(() => undefined);
    if (!options.keep) rmSync(ws.dir, { recursive: true, force: true });
    throw error;
  }
  const runtime = rt;
  const deployEnv = env;
  let tornDown = false;
  return {
    ws,
    env: deployEnv,
    async deploy(version) {
      if (version) ws.commitVersion(version.message, version.knobs);
      const d = await startDeployment(deployEnv, { service: AGENT_SERVICE, ref: 'HEAD' });
      return driveDeployment(deployEnv, d.id);
    },
    async teardown(warn) {
      if (tornDown) return;
      tornDown = true;
      try {
        await stopService(deployEnv, AGENT_SERVICE);
      } catch (error) {
        warn(`stopping the service the normal way failed (${String(error)}); stopping every instance`);
        await forceStop(deployEnv).catch((e: unknown) => warn(`force stop failed: ${String(e)}`));
      }
      await runtime.finish().catch((e: unknown) => warn(`closing the store failed: ${String(e)}`));
      if (options.keep) warn(`workspace kept: ${ws.dir}`);
      else rmSync(ws.dir, { recursive: true, force: true });
    },
  };
}

/**
 * Stops every instance any deployment of the workspace knows about and shuts the proxy down: for
 * a run cut short in the middle of a deployment, when `stopService` refuses (the service is held).
 */
async function forceStop(env: DeployEnvironment): Promise<void> {
  const target = getTarget('local');
  const records = new Map<string, InstanceRecord>();
  for (const d of await listDeployments(env.store, { service: AGENT_SERVICE, limit: 1000 })) {
    for (const i of [...d.data.newInstances, ...d.data.stableInstances]) records.set(`${i.pid}:${i.url}`, i);
  }
  for (const s of await allServiceStates(env.store))
    for (const i of s.instances) records.set(`${i.pid}:${i.url}`, i);
  await Promise.all(
    [...records.values()]
      .filter((i) => target.isAlive(i))
      .map((i) => target.stopInstance(i, { drainMs: 1000 }).catch(() => undefined)),
  );
  const proxy = await connectProxyDaemon(serviceStateDir(env.root, AGENT_SERVICE));
  await proxy?.shutdown();
}
