/** A temporary repository with the faulty service, a store and an orchestrator environment. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEventInput } from '../../../audit/index.js';
import { configSchema } from '../../../core/index.js';
import { openStore, type Store } from '../../../store/index.js';
import { connectProxyDaemon } from '../../proxy/index.js';
import { freePort, localTarget } from '../../targets/index.js';
import type { DeployEnvironment } from '../environment.js';
import { serviceStateDir } from '../environment.js';
import { activeDeployments, serviceState } from '../records.js';

export const SERVICE = 'api';

export interface Harness {
  dir: string;
  port: number;
  store: Store;
  events: AuditEventInput[];
  env: DeployEnvironment;
  lines: string[];
  /** Commits deploy.env with these settings and returns the short label the target gives it. */
  commit(message: string, settings?: Record<string, string>): string;
  /** GETs the service port at about `rps` until stopped; counts statuses by version. */
  load(rps: number): { stop(): Promise<LoadResult> };
  close(): Promise<void>;
}

export interface LoadResult {
  total: number;
  /** status (or 'network') -> count */
  statuses: Record<string, number>;
  /** version header -> count */
  versions: Record<string, number>;
}

export async function createHarness(
  service: Record<string, unknown>,
  deploy: Record<string, unknown> = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'cara-orchestrator-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.gov');
  git('config', 'user.name', 'Dev');
  copyFileSync(join(import.meta.dirname, 'faulty-service.mjs'), join(dir, 'service.mjs'));
  writeFileSync(join(dir, '.gitignore'), '.cara/\n');
  writeFileSync(join(dir, 'deploy.env'), '');
  git('add', '-A');
  git('commit', '-q', '-m', 'v1');
  const port = await freePort();
  const config = configSchema.parse({
    deploy: {
      ...deploy,
      services: {
        [SERVICE]: {
          port,
          command: [process.execPath, 'service.mjs'],
          envFile: 'deploy.env',
          instances: 1,
          readiness: { path: '/readyz', timeoutSeconds: 20, intervalMs: 50 },
          drainSeconds: 1,
          ...service,
        },
      },
    },
  });
  const store = await openStore({ sqlitePath: join(dir, '.cara', 'cara.db') });
  const events: AuditEventInput[] = [];
  const lines: string[] = [];
  const env: DeployEnvironment = {
    root: dir,
    config,
    store,
    audit: {
      async record(input) {
        events.push(input);
      },
    },
    actor: 'dev@example.gov',
    log: (line) => lines.push(line),
    pollMs: 100,
  };
  return {
    dir,
    port,
    store,
    events,
    env,
    lines,
    commit(message, settings = {}) {
      writeFileSync(
        join(dir, 'deploy.env'),
        Object.entries(settings)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(''),
      );
      git('commit', '-q', '--allow-empty', '-am', message);
      return git('rev-parse', 'HEAD').slice(0, 12);
    },
    load(rps) {
      const result: LoadResult = { total: 0, statuses: {}, versions: {} };
      let running = true;
      const loop = (async () => {
        while (running) {
          const started = Date.now();
          try {
            const response = await fetch(`http://127.0.0.1:${port}/`);
            await response.arrayBuffer();
            const version = response.headers.get('x-cara-version') ?? 'none';
            result.statuses[response.status] = (result.statuses[response.status] ?? 0) + 1;
            result.versions[version] = (result.versions[version] ?? 0) + 1;
          } catch {
            result.statuses.network = (result.statuses.network ?? 0) + 1;
          }
          result.total++;
          const wait = 1000 / rps - (Date.now() - started);
          if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
        }
      })();
      return {
        async stop() {
          running = false;
          await loop;
          return result;
        },
      };
    },
    async close() {
      for (const d of await activeDeployments(store)) {
        for (const i of d.data.newInstances) await localTarget.stopInstance(i, { drainMs: 200 });
      }
      const state = await serviceState(store, SERVICE);
      for (const i of state?.instances ?? []) await localTarget.stopInstance(i, { drainMs: 200 });
      await (await connectProxyDaemon(serviceStateDir(dir, SERVICE)))?.shutdown();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
