import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { CaraError } from '../../core/index.js';
import { freePort } from '../../deploy/index.js';
import type { CliContext } from '../context.js';
import { runInit } from './init.js';

/** The service name of the reference agent in an agent workspace. */
export const AGENT_SERVICE = 'nepa-agent';

/** The installed package's root: the folder above dist/ or src/ holding package.json. */
export function packageRoot(): string {
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

export interface AgentWorkspace {
  /** The git repository (cara initialised). */
  dir: string;
  /** The reference agent's folder in the package (for its load generator). */
  agent: string;
  /** The service port (the proxy listens here). */
  port: number;
  /** Writes deploy.env (KEY=VALUE lines the next version runs with), commits, returns the sha. */
  commitVersion(message: string, env: Record<string, string>): string;
  /** The agent's seeded load generator against the proxy, in the background. */
  startLoad(rps: number): ChildProcess;
}

export interface AgentWorkspaceOptions {
  /** Settings of deploy.services.nepa-agent, merged over the defaults (port, command, env, ...). */
  service?: Record<string, unknown>;
  /** Top-level deploy settings besides services (approvers, allowSelfApproval). */
  deploy?: Record<string, unknown>;
  /** The git identity committing (and the actor unless CARA_ACTOR is set). */
  email?: string;
  prefix?: string;
}

/**
 * A temporary git repository holding a copy of the reference agent shipped with the package (its
 * dependencies linked, not installed), cara initialised and a `nepa-agent` service configured on a
 * free port. Each version reads its fault knobs from the committed deploy.env.
 */
export async function createAgentWorkspace(
  ctx: CliContext,
  options: AgentWorkspaceOptions = {},
): Promise<AgentWorkspace> {
  const root = packageRoot();
  const agent = join(root, 'examples', 'nepa-agent');
  const modules = join(root, 'node_modules');
  if (!existsSync(join(agent, 'src', 'main.ts')) || !existsSync(join(modules, 'hono'))) {
    throw new CaraError(
      'EXTERNAL_TOOL_MISSING',
      `the reference agent is not installed with this copy of cara (${agent})`,
      {
        hint: 'run it from a checkout of cara after `npm ci`',
      },
    );
  }
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'cara-demo-'));
  cpSync(join(agent, 'src'), join(dir, 'src'), { recursive: true });
  cpSync(join(agent, 'package.json'), join(dir, 'package.json'));
  symlinkSync(modules, join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n.cara/\ndata/\n');
  writeFileSync(join(dir, 'deploy.env'), 'SERVICE_VERSION=v1\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', options.email ?? 'release@demo.example.gov');
  git(dir, 'config', 'user.name', 'Demo Release');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'v1: the reference agent');
  const port = await freePort();
  const config = {
    project: { name: 'nepa-agent-demo' },
    deploy: {
      ...options.deploy,
      services: {
        [AGENT_SERVICE]: {
          port,
          command: ['node', '--import', 'tsx', 'src/main.ts'],
          env: { HOST: '127.0.0.1', DATA_DIR: '{instanceDir}/data', SHUTDOWN_TIMEOUT_S: '3' },
          envFile: 'deploy.env',
          instances: 2,
          readiness: { path: '/readyz', timeoutSeconds: 90 },
          drainSeconds: 4,
          ...options.service,
        },
      },
    },
  };
  writeFileSync(join(dir, 'cara.config.yaml'), `# an agent workspace of cara\n${stringify(config)}`);
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  await runInit({ ...ctx, cwd: () => dir, output: { ...ctx.output, out: quiet } }, {});
  return {
    dir,
    agent,
    port,
    commitVersion(message, env) {
      writeFileSync(
        join(dir, 'deploy.env'),
        Object.entries(env)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(''),
      );
      git(dir, 'commit', '-q', '-am', message);
      return git(dir, 'rev-parse', 'HEAD');
    },
    startLoad(rps) {
      return spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(agent, 'src', 'load', 'main.ts'),
          '--url',
          `http://127.0.0.1:${port}`,
          '--rps',
          String(rps),
          '--duration',
          '60m',
          '--json',
        ],
        { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] },
      );
    },
  };
}
