import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { CaraError } from '../../core/index.js';
import { type Deployment, driveDeployment, startDeployment, stopService } from '../../deploy/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import { withRuntime } from '../runtime.js';
import { AGENT_SERVICE, createAgentWorkspace } from './agent-workspace.js';
import { deployEnvironment } from './deploy.js';

const DEMO_RPS = 100;

/** The load generator's JSON summary, after SIGINT stops it. */
export async function stopLoad(
  load: ChildProcess,
): Promise<{ sent: number; statuses: Record<string, number> } | undefined> {
  let out = '';
  load.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const done = new Promise<void>((ok) => load.once('exit', () => ok()));
  load.kill('SIGINT');
  await Promise.race([done, new Promise((ok) => setTimeout(ok, 15_000))]);
  try {
    return JSON.parse(out);
  } catch {
    return undefined;
  }
}

/** Seconds from the new version's first traffic to all traffic back on the stable version. */
export function exposureSeconds(d: Deployment | undefined): number | undefined {
  if (!d?.data.firstTrafficAt || !d.data.restoredAt) return undefined;
  return (Date.parse(d.data.restoredAt) - Date.parse(d.data.firstTrafficAt)) / 1000;
}

interface DemoStep {
  title: string;
  deployment: Deployment;
}

export async function runDemoDeploy(
  ctx: CliContext,
  options: { keep?: boolean; interval: string; json?: boolean },
): Promise<void> {
  const interval = Number(options.interval);
  if (!Number.isFinite(interval) || interval < 2 || interval > 600)
    throw new CaraError('USAGE', `--interval must be seconds from 2 to 600, got ${options.interval}`);
  const started = Date.now();
  const ws = await createAgentWorkspace(ctx, {
    service: {
      analysis: {
        tailQuantile: 0.95,
        metrics: [
          { name: 'latency', effectSize: 0.1, absoluteEffect: 2, tail: true },
          { name: 'errors', absoluteEffect: 0.02, critical: true },
        ],
      },
      canary: {
        steps: [
          { setWeight: 30 },
          { analysis: { seconds: interval } },
          { setWeight: 60 },
          { analysis: { seconds: interval } },
        ],
      },
    },
  });
  line(
    ctx.output.err,
    `workspace ${ws.dir}: the reference agent in git, cara initialised, proxy port ${ws.port}`,
  );
  const say = (text: string) => line(ctx.output.err, paint(ctx.output, 'bold', `\n== ${text}`));
  const steps: DemoStep[] = [];
  let load: ChildProcess | undefined;
  let traffic: Awaited<ReturnType<typeof stopLoad>>;
  try {
    await withRuntime(
      {
        cwd: ws.dir,
        env: { ...ctx.env, actor: 'release@demo.example.gov' },
        output: ctx.output,
        command: 'demo deploy',
      },
      async (rt) => {
        const env = deployEnvironment(rt, ctx);
        const deploy = async (title: string) => {
          say(title);
          const d = await startDeployment(env, { service: AGENT_SERVICE, ref: 'HEAD' });
          steps.push({ title, deployment: await driveDeployment(env, d.id) });
        };
        await deploy('1. initial deployment of v1 (2 instances behind the proxy)');
        load = ws.startLoad(DEMO_RPS);
        line(
          ctx.output.err,
          `load: ${DEMO_RPS} requests/s (ask, documents, projects) on http://127.0.0.1:${ws.port}`,
        );
        ws.commitVersion('v2: a good change', { SERVICE_VERSION: 'v2' });
        await deploy('2. canary of v2, a good version: judged every interval, promoted without a human');
        ws.commitVersion('v3: a bad change (15% errors, +120 ms)', {
          SERVICE_VERSION: 'v3',
          ERROR_RATE: '0.15',
          LATENCY_MS: '120',
        });
        await deploy(
          '3. canary of v3, a bad version (ERROR_RATE=0.15, LATENCY_MS=120): rolled back automatically',
        );
      },
    );
  } finally {
    traffic = load ? await stopLoad(load) : undefined;
    await withRuntime({ cwd: ws.dir, env: ctx.env, output: ctx.output, command: 'demo deploy' }, (rt) =>
      stopService(deployEnvironment(rt, ctx), AGENT_SERVICE),
    ).catch((error: unknown) => line(ctx.output.err, `could not stop the demo service: ${String(error)}`));
    if (!options.keep) rmSync(ws.dir, { recursive: true, force: true });
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const exposure = exposureSeconds(steps[2]?.deployment);
  const summary = {
    workspace: options.keep ? ws.dir : null,
    seconds,
    deployments: steps.map((s) => ({
      title: s.title,
      id: s.deployment.id,
      version: s.deployment.version,
      state: s.deployment.state,
      reason: s.deployment.reason,
      verdicts: s.deployment.data.analyses.map((a) => a.summary),
    })),
    badVersionExposureSeconds: exposure ?? null,
    traffic: traffic ? { sent: traffic.sent, statuses: traffic.statuses } : null,
  };
  const ok = steps[1]?.deployment.state === 'succeeded' && steps[2]?.deployment.state === 'rolled-back';
  if (!ok) ctx.setExitCode(1);
  if (options.json) return json(ctx.output, summary);
  const { out } = ctx.output;
  line(out, paint(ctx.output, 'bold', `\nWhat happened (${seconds}s):`));
  line(
    out,
    table(
      steps.map((s) => [
        s.deployment.id,
        s.deployment.version,
        s.deployment.state,
        s.deployment.reason ?? '',
      ]),
      ['DEPLOYMENT', 'VERSION', 'OUTCOME', 'WHY'],
    ),
  );
  for (const s of steps) {
    const last = s.deployment.data.analyses.at(-1);
    if (last)
      line(
        out,
        `\n${s.deployment.id} last verdict:\n  ${last.summary
          .split('\n')
          .map((l) => l.trim())
          .join('\n  ')}`,
      );
  }
  if (exposure !== undefined)
    line(
      out,
      `\nthe bad version had traffic for ${exposure.toFixed(1)}s before all of it was back on the stable version`,
    );
  if (traffic) {
    const statuses = Object.entries(traffic.statuses)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    line(out, `load generator: ${traffic.sent} requests sent (${statuses})`);
  }
  line(out, 'every step is in the audit log: `cara audit log` in the workspace (--keep keeps it)');
  if (options.keep) line(out, `workspace kept: ${ws.dir}`);
}
