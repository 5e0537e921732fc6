import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { CaraError } from '../../core/index.js';
import {
  activeDeployments,
  type DeployEnvironment,
  type Deployment,
  decideApproval,
  driveDeployment,
  listDeployments,
  releaseOwner,
  requestAction,
  type StrategyName,
  serviceStateDir,
  startDeployment,
  stopService,
} from '../../deploy/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import { type Runtime, withRuntime } from '../runtime.js';

const open = <T>(ctx: CliContext, command: string, fn: (rt: Runtime) => Promise<T>) =>
  withRuntime({ cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command }, fn);

export function deployEnvironment(rt: Runtime, ctx: CliContext, signal?: AbortSignal): DeployEnvironment {
  return {
    root: rt.root,
    config: rt.config,
    store: rt.store,
    audit: rt.audit,
    actor: rt.actor,
    log: (text) => line(ctx.output.err, text),
    ...(signal ? { signal } : {}),
  };
}

/**
 * Ctrl-C while driving a deployment detaches: the deployment stays where it is (the proxy keeps
 * routing) for `cara deploy resume` or `abort`. A second Ctrl-C exits at once.
 */
function detachOnInterrupt(ctx: CliContext): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    line(ctx.output.err, 'interrupted: detaching at the next check (Ctrl-C again exits now)');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

function outcomeLine(ctx: CliContext, d: Deployment): string {
  const colour = d.state === 'succeeded' ? 'green' : d.active ? 'yellow' : 'red';
  return `${paint(ctx.output, colour, d.state.toUpperCase())} ${d.id}: ${d.service} ${d.version} (${d.ref})${d.reason ? ` — ${d.reason}` : ''}`;
}

function report(ctx: CliContext, d: Deployment, asJson: boolean | undefined): void {
  if (asJson) json(ctx.output, d);
  else line(ctx.output.out, outcomeLine(ctx, d));
  if (d.state === 'failed' || d.state === 'rolled-back' || d.state === 'aborted') ctx.setExitCode(1);
}

async function drive(ctx: CliContext, rt: Runtime, id: string): Promise<Deployment> {
  const interrupt = detachOnInterrupt(ctx);
  try {
    return await driveDeployment(deployEnvironment(rt, ctx, interrupt.signal), id);
  } finally {
    interrupt.dispose();
  }
}

/** Runs `cara deploy resume ID` as a detached background process logging to the service's folder. */
function spawnDriver(rt: Runtime, d: Deployment): string {
  const dir = serviceStateDir(rt.root, d.service);
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, `driver-${d.id}.log`);
  const fd = openSync(logFile, 'a');
  const bin = process.argv[1];
  if (bin === undefined)
    throw new CaraError('INTERNAL', 'cannot find the cara executable to run in the background');
  const child = spawn(process.execPath, [...process.execArgv, bin, '-C', rt.root, 'deploy', 'resume', d.id], {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, CARA_ACTOR: rt.actor },
  });
  child.unref();
  return logFile;
}

export async function runDeployStart(
  ctx: CliContext,
  options: {
    service: string;
    version?: string;
    dir?: string;
    strategy?: StrategyName;
    detach?: boolean;
    json?: boolean;
  },
): Promise<void> {
  const result = await open(ctx, 'deploy start', async (rt) => {
    const d = await startDeployment(deployEnvironment(rt, ctx), {
      service: options.service,
      ref: options.version,
      dir: options.dir,
      strategy: options.strategy,
    });
    if (options.detach) {
      await releaseOwner(rt.store, d.id);
      const logFile = spawnDriver(rt, d);
      line(
        ctx.output.err,
        `driving ${d.id} in the background (log: ${logFile}); \`cara deploy status ${d.id} --watch\``,
      );
      return d;
    }
    return drive(ctx, rt, d.id);
  });
  if (options.detach) {
    if (options.json) return json(ctx.output, result);
    line(ctx.output.out, result.id);
    return;
  }
  report(ctx, result, options.json);
}

export async function runDeployResume(ctx: CliContext, id: string | undefined, options: { json?: boolean }) {
  const result = await open(ctx, 'deploy resume', async (rt) => {
    let target = id;
    if (target === undefined) {
      const active = await activeDeployments(rt.store);
      if (active.length !== 1) {
        throw new CaraError(
          'USAGE',
          active.length === 0
            ? 'no deployment is in progress'
            : `${active.length} deployments are in progress: ${active.map((d) => d.id).join(', ')}`,
          {
            hint:
              active.length === 0
                ? 'start one with `cara deploy start`'
                : 'name one: `cara deploy resume ID`',
          },
        );
      }
      target = (active[0] as Deployment).id;
    }
    return drive(ctx, rt, target);
  });
  report(ctx, result, options.json);
}

export async function runDeployRequest(
  ctx: CliContext,
  id: string,
  action: 'promote' | 'abort' | 'rollback',
  options: { full?: boolean; comment?: string },
): Promise<void> {
  await open(ctx, `deploy ${action}`, async (rt) => {
    const interrupt = detachOnInterrupt(ctx);
    try {
      const { deployment, drivenHere } = await requestAction(
        deployEnvironment(rt, ctx, interrupt.signal),
        id,
        action,
        {
          ...(options.full ? { full: true } : {}),
          ...(options.comment ? { comment: options.comment } : {}),
        },
      );
      if (drivenHere) line(ctx.output.out, outcomeLine(ctx, deployment));
      else
        line(
          ctx.output.out,
          `${action} requested for ${id}; the process driving it acts within a second (\`cara deploy status ${id}\`)`,
        );
    } finally {
      interrupt.dispose();
    }
  });
}

export async function runApproval(
  ctx: CliContext,
  id: string,
  decision: 'approve' | 'reject',
  options: { comment?: string; json?: boolean },
): Promise<void> {
  const approval = await open(ctx, decision, (rt) =>
    decideApproval(deployEnvironment(rt, ctx), id, decision, options.comment),
  );
  if (options.json) return json(ctx.output, approval);
  line(
    ctx.output.out,
    `${decision === 'approve' ? 'approved' : 'rejected'} ${id} (step ${approval.step + 1}) as ${approval.actor}`,
  );
}

const duration = (d: Deployment) => {
  const end = d.finishedAt ? Date.parse(d.finishedAt) : Date.now();
  const s = Math.round((end - Date.parse(d.startedAt)) / 1000);
  return s >= 120 ? `${Math.round(s / 60)}m` : `${s}s`;
};

export async function runDeployHistory(
  ctx: CliContext,
  options: { service?: string; limit: string; json?: boolean },
): Promise<void> {
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CaraError('USAGE', `--limit must be a positive whole number, got ${options.limit}`);
  const rows = await open(ctx, 'deploy history', (rt) =>
    listDeployments(rt.store, { service: options.service, limit }),
  );
  if (options.json) return json(ctx.output, rows);
  if (rows.length === 0) {
    line(ctx.output.out, 'no deployments yet: `cara deploy start --service NAME --version REF`');
    return;
  }
  line(
    ctx.output.out,
    table(
      rows.map((d) => [
        d.id,
        d.version,
        d.ref,
        d.strategy,
        d.state,
        d.startedAt.replace('T', ' ').slice(0, 19),
        duration(d),
        d.startedBy,
        d.reason ?? '',
      ]),
      ['ID', 'VERSION', 'REF', 'STRATEGY', 'STATE', 'STARTED (UTC)', 'TOOK', 'BY', 'REASON'],
    ),
  );
}

export async function runDeployStop(ctx: CliContext, options: { service: string }): Promise<void> {
  const { stopped } = await open(ctx, 'deploy stop', (rt) =>
    stopService(deployEnvironment(rt, ctx), options.service),
  );
  line(ctx.output.out, `${options.service} stopped (${stopped} instance(s))`);
}
