import { setTimeout as sleep } from 'node:timers/promises';
import { CaraError } from '../../core/index.js';
import {
  activeDeployments,
  connectProxyDaemon,
  type Deployment,
  describeStep,
  getDeployment,
  latestDeployment,
  type ProxyMetrics,
  reconcileService,
  serviceStateDir,
  TERMINAL_STATES,
  type WeightsSnapshot,
} from '../../deploy/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint } from '../output.js';
import { type Runtime, withRuntime } from '../runtime.js';
import { deployEnvironment } from './deploy.js';

interface LiveView {
  weights?: WeightsSnapshot & { preview?: WeightsSnapshot };
  traffic?: {
    version: string;
    requests: number;
    errors: number;
    p50: number | null;
    p99: number | null;
    buckets: number[];
  }[];
  proxy: string;
}

const quantile = (sorted: readonly number[], q: number): number | null =>
  sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null);

/** Per-version counts, quantiles and non-cumulative histogram buckets. */
function traffic(metrics: ProxyMetrics): NonNullable<LiveView['traffic']> {
  return Object.entries(metrics.versions).map(([version, m]) => {
    const sorted = [...m.latenciesMs].sort((a, b) => a - b);
    const cumulative = m.histogram.cumulativeCounts;
    return {
      version,
      requests: m.requests,
      errors: m.errors,
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
      buckets: cumulative.map((c, i) => c - (i === 0 ? 0 : (cumulative[i - 1] ?? 0))),
    };
  });
}

async function live(root: string, d: Deployment): Promise<LiveView> {
  const control = await connectProxyDaemon(serviceStateDir(root, d.service)).catch(() => undefined);
  if (!control) return { proxy: 'not running' };
  try {
    const [weights, metrics] = await Promise.all([control.status(), control.metrics()]);
    return {
      weights,
      traffic: traffic(metrics.main),
      proxy: `pid ${control.info.pid}, port ${control.info.port}`,
    };
  } catch (error) {
    return { proxy: `not answering (${error instanceof Error ? error.message : String(error)})` };
  }
}

const BARS = ' ▁▂▃▄▅▆▇█';

/** A one-line histogram of latencies: one character per Prometheus bucket, height by share. */
export function sparkline(buckets: readonly number[]): string {
  const max = Math.max(0, ...buckets);
  if (max === 0) return '';
  return buckets.map((n) => BARS[Math.ceil((n / max) * (BARS.length - 1))] ?? ' ').join('');
}

function render(ctx: CliContext, d: Deployment, view: LiveView, chart: boolean): string[] {
  const out: string[] = [];
  const colour = d.state === 'succeeded' ? 'green' : d.active ? 'yellow' : 'red';
  const took = Math.round(
    ((d.finishedAt ? Date.parse(d.finishedAt) : Date.now()) - Date.parse(d.startedAt)) / 1000,
  );
  out.push(
    `${paint(ctx.output, 'bold', d.id)}  ${d.strategy}  ${paint(ctx.output, colour, d.state)}  ` +
      `step ${Math.min(d.step + 1, d.plan.steps.length)}/${d.plan.steps.length}: ${describeStep(d.plan.steps[d.step])}`,
  );
  out.push(
    `  ${d.service} ${d.version} (${d.ref})${d.stableVersion ? ` over ${d.stableVersion}` : ' (initial)'}, started ${d.startedAt} by ${d.startedBy}, ${took}s`,
  );
  if (d.reason) out.push(`  reason: ${d.reason}`);
  if (d.active && d.owner === null)
    out.push(paint(ctx.output, 'yellow', `  no process is driving it: \`cara deploy resume ${d.id}\``));
  out.push(`  proxy: ${view.proxy}`);
  for (const v of view.weights?.versions ?? []) {
    const up = v.instances.filter((i) => i.up).length;
    out.push(
      `  weight ${v.version.padEnd(14)} ${String(v.weight).padStart(3)}%  ${up}/${v.instances.length} up`,
    );
  }
  for (const v of view.weights?.preview?.versions ?? []) {
    const up = v.instances.filter((i) => i.up).length;
    out.push(`  preview ${v.version.padEnd(13)} ${up}/${v.instances.length} up`);
  }
  for (const t of view.traffic ?? []) {
    const ms = (x: number | null) => (x === null ? '-' : `${x.toFixed(0)} ms`);
    const spark = chart ? `  ${sparkline(t.buckets)}` : '';
    out.push(
      `  traffic ${t.version.padEnd(13)} ${t.requests} req, ${t.errors} err, p50 ${ms(t.p50)}, p99 ${ms(t.p99)}${spark}`,
    );
  }
  const last = d.data.analyses.at(-1);
  if (last) {
    out.push(`  last verdict (${last.source}, ${last.samples.baseline}/${last.samples.canary} requests):`);
    for (const l of last.summary.split('\n')) out.push(`    ${l.trim()}`);
  }
  for (const t of d.data.timeline.slice(-6))
    out.push(paint(ctx.output, 'dim', `  ${t.at.slice(11, 19)} ${t.message.split('\n')[0]}`));
  return out;
}

async function pick(rt: Runtime, id: string | undefined, service: string | undefined): Promise<Deployment> {
  if (id !== undefined) return getDeployment(rt.store, id);
  if (service === undefined) {
    const active = await activeDeployments(rt.store);
    if (active.length === 1) return active[0] as Deployment;
  }
  const latest = await latestDeployment(rt.store, service);
  if (!latest) {
    throw new CaraError('DEPLOY_NOT_FOUND', `no deployments${service ? ` of ${service}` : ''} yet`, {
      hint: 'start one with `cara deploy start --service NAME --version REF`',
    });
  }
  return latest;
}

export async function runDeployStatus(
  ctx: CliContext,
  id: string | undefined,
  options: { service?: string; watch?: boolean; json?: boolean },
): Promise<void> {
  const tty = (ctx.output.out as { isTTY?: boolean }).isTTY === true;
  await withRuntime(
    { cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command: 'deploy status' },
    async (rt) => {
      let d = await pick(rt, id, options.service);
      if (d.active) await reconcileService(deployEnvironment(rt, ctx), d.service);
      let lastState = '';
      for (;;) {
        d = await getDeployment(rt.store, d.id);
        const view = await live(rt.root, d);
        if (options.json) {
          if (!options.watch || TERMINAL_STATES.has(d.state)) json(ctx.output, { deployment: d, live: view });
        } else if (tty && options.watch) {
          ctx.output.out.write(`\u001b[2J\u001b[H${render(ctx, d, view, true).join('\n')}\n`);
        } else if (!options.watch || `${d.state}/${d.step}` !== lastState) {
          line(ctx.output.out, render(ctx, d, view, tty).join('\n'));
        }
        lastState = `${d.state}/${d.step}`;
        if (!options.watch || TERMINAL_STATES.has(d.state)) return;
        await sleep(1000);
      }
    },
  );
}
