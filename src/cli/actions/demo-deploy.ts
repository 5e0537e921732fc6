import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { CaraError } from '../../core/index.js';
import {
  type Deployment,
  driveDeployment,
  freePort,
  startDeployment,
  stopService,
} from '../../deploy/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import { withRuntime } from '../runtime.js';
import { deployEnvironment } from './deploy.js';
import { runInit } from './init.js';

const SERVICE = 'nepa-agent';

/** The installed package's root: the folder above dist/ or src/ holding package.json. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'cara-devops'
    )
      return dir;
    dir = dirname(dir);
  }
  throw new CaraError('INTERNAL', 'cannot find the cara-devops package folder');
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A git repository holding a copy of the reference agent, with cara initialised and configured. */
async function workspace(
  ctx: CliContext,
  interval: number,
): Promise<{ dir: string; agent: string; port: number }> {
  const root = packageRoot();
  const agent = join(root, 'examples', 'nepa-agent');
  const modules = join(root, 'node_modules');
  if (!existsSync(join(agent, 'src', 'main.ts')) || !existsSync(join(modules, 'hono'))) {
    throw new CaraError(
      'EXTERNAL_TOOL_MISSING',
      `the reference agent is not installed with this copy of cara (${agent})`,
      {
        hint: 'run the demo from a checkout of cara after `npm ci`',
      },
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'cara-demo-'));
  cpSync(join(agent, 'src'), join(dir, 'src'), { recursive: true });
  cpSync(join(agent, 'package.json'), join(dir, 'package.json'));
  symlinkSync(modules, join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n.cara/\ndata/\n');
  writeFileSync(join(dir, 'deploy.env'), 'SERVICE_VERSION=v1\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'release@demo.example.gov');
  git(dir, 'config', 'user.name', 'Demo Release');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'v1: the reference agent');
  const port = await freePort();
  const config = {
    project: { name: 'nepa-agent-demo' },
    deploy: {
      services: {
        [SERVICE]: {
          port,
          command: ['node', '--import', 'tsx', 'src/main.ts'],
          env: { HOST: '127.0.0.1', DATA_DIR: '{instanceDir}/data', SHUTDOWN_TIMEOUT_S: '3' },
          envFile: 'deploy.env',
          instances: 2,
          readiness: { path: '/readyz', timeoutSeconds: 90 },
          drainSeconds: 4,
          analysis: {
            tailQuantile: 0.95,
            metrics: [
              { name: 'latency', effectSize: 0.1, tail: true },
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
      },
    },
  };
  writeFileSync(join(dir, 'cara.config.yaml'), `# written by \`cara demo deploy\`\n${stringify(config)}`);
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  await runInit({ ...ctx, cwd: () => dir, output: { ...ctx.output, out: quiet } }, {});
  line(ctx.output.err, `workspace ${dir}: the reference agent in git, cara initialised, proxy port ${port}`);
  return { dir, agent, port };
}

/** The agent's own seeded load generator against the proxy, in the background. */
function startLoad(agent: string, dir: string, port: number): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(agent, 'src', 'load', 'main.ts'),
      '--url',
      `http://127.0.0.1:${port}`,
      '--rps',
      '40',
      '--duration',
      '30m',
      '--json',
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

async function stopLoad(
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
  const { dir, agent, port } = await workspace(ctx, interval);
  const say = (text: string) => line(ctx.output.err, paint(ctx.output, 'bold', `\n== ${text}`));
  const steps: DemoStep[] = [];
  let load: ChildProcess | undefined;
  let traffic: Awaited<ReturnType<typeof stopLoad>>;
  try {
    await withRuntime(
      {
        cwd: dir,
        env: { ...ctx.env, actor: 'release@demo.example.gov' },
        output: ctx.output,
        command: 'demo deploy',
      },
      async (rt) => {
        const env = deployEnvironment(rt, ctx);
        const deploy = async (title: string, ref: string) => {
          say(title);
          const d = await startDeployment(env, { service: SERVICE, ref });
          steps.push({ title, deployment: await driveDeployment(env, d.id) });
        };
        await deploy('1. initial deployment of v1 (2 instances behind the proxy)', 'HEAD');
        load = startLoad(agent, dir, port);
        line(ctx.output.err, `load: 100 requests/s (ask, documents, projects) on http://127.0.0.1:${port}`);
        writeFileSync(join(dir, 'deploy.env'), 'SERVICE_VERSION=v2\n');
        git(dir, 'commit', '-q', '-am', 'v2: a good change');
        await deploy(
          '2. canary of v2, a good version: judged every interval, promoted without a human',
          'HEAD',
        );
        writeFileSync(join(dir, 'deploy.env'), 'SERVICE_VERSION=v3\nERROR_RATE=0.15\nLATENCY_MS=120\n');
        git(dir, 'commit', '-q', '-am', 'v3: a bad change (15% errors, +120 ms)');
        await deploy(
          '3. canary of v3, a bad version (ERROR_RATE=0.15, LATENCY_MS=120): rolled back automatically',
          'HEAD',
        );
      },
    );
  } finally {
    traffic = load ? await stopLoad(load) : undefined;
    await withRuntime({ cwd: dir, env: ctx.env, output: ctx.output, command: 'demo deploy' }, (rt) =>
      stopService(deployEnvironment(rt, ctx), SERVICE),
    ).catch((error: unknown) => line(ctx.output.err, `could not stop the demo service: ${String(error)}`));
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const bad = steps[2]?.deployment;
  const exposure =
    bad?.data.firstTrafficAt && bad.data.restoredAt
      ? (Date.parse(bad.data.restoredAt) - Date.parse(bad.data.firstTrafficAt)) / 1000
      : undefined;
  const summary = {
    workspace: options.keep ? dir : null,
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
  if (options.keep) line(out, `workspace kept: ${dir}`);
  const ok = steps[1]?.deployment.state === 'succeeded' && steps[2]?.deployment.state === 'rolled-back';
  if (!ok) ctx.setExitCode(1);
}
