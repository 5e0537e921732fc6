/**
 * The reference agent deployed by the built `cara` as real child processes: a workspace (temp git
 * repository, cara initialised, service `nepa-agent` on a free port), a request loop that records
 * every answer the proxy gives, status polling, and a teardown that leaves no process behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse, stringify } from 'yaml';
import {
  AGENT_SERVICE,
  type AgentWorkspace,
  type AgentWorkspaceOptions,
  createAgentWorkspace,
} from '../../../src/cli/actions/agent-workspace.js';
import type { CliContext } from '../../../src/cli/context.js';
import { readEnv } from '../../../src/core/index.js';
import type { Deployment } from '../../../src/deploy/index.js';
import { assertBuilt, type CaraResult, caraBin, caraEnv, runCara } from '../../support/cli.js';

export { AGENT_SERVICE };

/**
 * `--version=HEAD` in one word: a bare `--version` after the subcommand is taken by the program's
 * own -V/--version (prints the cara version and exits 0) unless the program parses positionally.
 */
export const VERSION_HEAD = '--version=HEAD';

/**
 * The analysis settings every deploy test uses: 20 ms or 50% slower, or 2 points more errors,
 * fail. No tail checks: they are relative only, and a freshly started process has a wider spread
 * of sub-millisecond latencies than a warm one, which is not what these tests are about.
 */
export const FAST_ANALYSIS = {
  warmupSeconds: 1,
  maxExtensions: 3,
  metrics: [
    { name: 'latency', effectSize: 0.5, absoluteEffect: 20 },
    { name: 'errors', absoluteEffect: 0.02, critical: true },
  ],
};

export interface DeployWorkspace extends AgentWorkspace {
  /** Runs `cara -C <dir> ...args` as a child process; the actor is `actor` (default the workspace's). */
  cara(args: string[], options?: { actor?: string }): Promise<CaraResult>;
  /** `cara deploy status ID --json` (which also reconciles). */
  status(id: string): Promise<{ deployment: Deployment; live: StatusLive }>;
  /** Rewrites deploy.services.nepa-agent with these settings merged over the current ones. */
  updateService(settings: Record<string, unknown>): void;
  /** Stops the service, kills whatever is left and removes the workspace. Never throws. */
  teardown(): Promise<void>;
}

export interface StatusLive {
  proxy: string;
  weights?: { versions: { version: string; weight: number; instances: { url: string; up: boolean }[] }[] };
}

const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

/** An agent workspace whose commands run through the built CLI. */
export async function createDeployWorkspace(
  options: AgentWorkspaceOptions & { actor?: string } = {},
): Promise<DeployWorkspace> {
  assertBuilt();
  const actor = options.actor ?? 'release@deploy.example.gov';
  const ctx: CliContext = {
    env: { ...readEnv({ NO_COLOR: '1' }), actor },
    output: { out: quiet, err: quiet, color: false },
    cwd: () => process.cwd(),
    setExitCode: () => undefined,
  };
  const ws = await createAgentWorkspace(ctx, { prefix: 'cara-e2e-deploy-', email: actor, ...options });
  const cara = (args: string[], run: { actor?: string } = {}) =>
    runCara(['-C', ws.dir, ...args], { cwd: ws.dir, env: { CARA_ACTOR: run.actor ?? actor } });
  const configFile = join(ws.dir, 'cara.config.yaml');
  return {
    ...ws,
    cara,
    async status(id) {
      const r = await cara(['deploy', 'status', id, '--json']);
      if (r.code !== 0) throw new Error(`cara deploy status ${id} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout);
    },
    updateService(settings) {
      const config = parse(readFileSync(configFile, 'utf8'));
      const service = config.deploy.services[AGENT_SERVICE];
      config.deploy.services[AGENT_SERVICE] = { ...service, ...settings };
      writeFileSync(configFile, stringify(config));
    },
    async teardown() {
      await teardownWorkspace(ws.dir, cara);
    },
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills a process group (instances run as group leaders), else the process. */
function killHard(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function teardownWorkspace(dir: string, cara: DeployWorkspace['cara']): Promise<void> {
  const pids = new Set<number>();
  try {
    const history = await cara(['deploy', 'history', '--json', '--limit', '1000']);
    for (const d of JSON.parse(history.stdout) as Deployment[]) {
      for (const i of [...d.data.newInstances, ...d.data.stableInstances]) pids.add(i.pid);
      const driver = /^(\d+)@/.exec(d.owner ?? '');
      if (d.active && driver) killHard(Number(driver[1]));
    }
  } catch {
    // no store, or nothing deployed
  }
  // Whatever still drives a deployment is gone now; the abort rolls it back so stop is allowed.
  const active = await cara(['deploy', 'history', '--json']).catch(() => undefined);
  for (const d of active && active.code === 0 ? (JSON.parse(active.stdout) as Deployment[]) : []) {
    if (d.active) await cara(['deploy', 'abort', d.id]).catch(() => undefined);
  }
  await cara(['deploy', 'stop', '--service', AGENT_SERVICE]).catch(() => undefined);
  try {
    const info = JSON.parse(readFileSync(join(dir, '.cara/deploy', AGENT_SERVICE, 'proxy.json'), 'utf8'));
    if (Number.isInteger(info.pid)) pids.add(info.pid);
  } catch {
    // the proxy shut down and removed its file
  }
  for (const pid of pids) if (pidAlive(pid)) killHard(pid);
  rmSync(dir, { recursive: true, force: true });
}

/** Polls `check` every 300 ms until it returns a value, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(300);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** `cara deploy start --detach --json`: the deployment as created (a background process drives it). */
export async function startDetached(
  ws: DeployWorkspace,
  args: string[],
  actor?: string,
): Promise<Deployment> {
  const r = await ws.cara(
    ['deploy', 'start', '--service', AGENT_SERVICE, '--detach', '--json', ...args],
    actor ? { actor } : {},
  );
  if (r.code !== 0) throw new Error(`cara deploy start --detach exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Deployment;
}

/** `cara deploy start` in the foreground, to the end; the final deployment and the exit code. */
export async function deploy(
  ws: DeployWorkspace,
  args: string[],
): Promise<{ deployment: Deployment; result: CaraResult }> {
  const result = await ws.cara(['deploy', 'start', '--service', AGENT_SERVICE, '--json', ...args]);
  let deployment: Deployment;
  try {
    deployment = JSON.parse(result.stdout) as Deployment;
  } catch {
    throw new Error(`cara deploy start exited ${result.code} without JSON:\n${result.stderr}`);
  }
  return { deployment, result };
}

/** `cara deploy start` as a child process the test can kill -9; resolves its exit when awaited. */
export function spawnDeploy(
  ws: DeployWorkspace,
  args: string[],
): { child: ChildProcess; stderr: () => string } {
  const child = spawn(
    process.execPath,
    [caraBin, '-C', ws.dir, 'deploy', 'start', '--service', AGENT_SERVICE, ...args],
    {
      cwd: ws.dir,
      env: caraEnv({ CARA_ACTOR: 'release@deploy.example.gov' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  child.stdout?.resume();
  return { child, stderr: () => err };
}

/** One answer the proxy gave the request loop. */
export interface Answer {
  at: number;
  /** HTTP status, or 0 when the request failed without one (connection refused, reset, timeout). */
  status: number;
  /** `x-service-version` of the instance that answered (the agent's SERVICE_VERSION). */
  version?: string;
  error?: string;
}

export interface RequestLoop {
  answers: Answer[];
  /** Stops the loop after the requests in flight finish. */
  stop(): Promise<Answer[]>;
}

/**
 * `concurrency` clients each sending GET /projects to the service port back to back (keep-alive,
 * a pause of `gapMs` between requests), recording every answer.
 */
export function requestLoop(
  port: number,
  options: { concurrency?: number; gapMs?: number } = {},
): RequestLoop {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency ?? 4 });
  const answers: Answer[] = [];
  let running = true;
  const once = () =>
    new Promise<Answer>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/projects', agent, timeout: 20_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          const version = res.headers['x-service-version'];
          resolve({
            at: Date.now(),
            status: res.statusCode ?? 0,
            ...(typeof version === 'string' ? { version } : {}),
          });
        });
        res.on('error', (error) => resolve({ at: Date.now(), status: 0, error: error.message }));
      });
      req.on('timeout', () => req.destroy(new Error('timed out after 20 s')));
      req.on('error', (error) => resolve({ at: Date.now(), status: 0, error: error.message }));
    });
  const client = async () => {
    while (running) {
      answers.push(await once());
      await sleep(options.gapMs ?? 40);
    }
  };
  const clients = Array.from({ length: options.concurrency ?? 4 }, client);
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(clients);
      agent.destroy();
      return answers;
    },
  };
}

/** Counts of answers by status (0 = no answer), e.g. `{ "200": 812 }`. */
export function statusCounts(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

/** Which agent version (SERVICE_VERSION) answers now: a few requests, the versions seen. */
export async function versionsServing(port: number, requests = 20): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < requests; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/projects`);
    await res.arrayBuffer();
    seen.add(res.headers.get('x-service-version') ?? '?');
  }
  return seen;
}

/** `GET /__cara/weights` on the service port: version label → weight. */
export async function proxyWeights(port: number): Promise<Record<string, number>> {
  const res = await fetch(`http://127.0.0.1:${port}/__cara/weights`);
  const body = (await res.json()) as { versions: { version: string; weight: number }[] };
  return Object.fromEntries(body.versions.map((v) => [v.version, v.weight]));
}

/** One event of `cara audit log --json`. */
export interface AuditRow {
  type: string;
  outcome: { status: 'success' | 'failure'; reason: string | null };
  actor: string;
  subject: string | null;
  details: Record<string, unknown>;
}

export async function auditLog(ws: DeployWorkspace, type?: string): Promise<AuditRow[]> {
  const r = await ws.cara(['audit', 'log', '--json', ...(type ? ['--type', type] : [])]);
  if (r.code !== 0) throw new Error(`cara audit log exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as AuditRow[];
}
