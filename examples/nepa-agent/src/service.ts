/**
 * The whole service as one object: app, metrics, readiness, the database and the leak knob, with
 * `start()` (listen, open and seed the database) and `stop()` (drain, close). `main.ts` only reads
 * the environment, calls these and handles signals.
 */
import type { Hono } from 'hono';
import { createApp } from './app.js';
import type { NepaDatabase, NepaRepository } from './db/index.js';
import type { ServiceConfig } from './env.js';
import { MemoryLeak } from './faults/index.js';
import type { LoadedGuard } from './guard/index.js';
import { createMetrics, type ServiceMetrics } from './metrics/index.js';
import { ServiceRuntime } from './runtime.js';
import { listen, type RunningServer } from './server.js';

export interface ServiceDeps {
  openDatabase(options: { dataDir?: string; databaseUrl?: string }): Promise<NepaDatabase>;
  seeds: Record<'demo' | 'violations', (db: NepaDatabase) => Promise<unknown>>;
  log?: (line: string) => void;
  now?: () => number;
  /** GUARD_MODULE, loaded by the caller before the service is created. */
  guard?: LoadedGuard;
}

export interface Service {
  app: Hono;
  runtime: ServiceRuntime;
  metrics: ServiceMetrics;
  leak: MemoryLeak;
  /** Listens first (so `/healthz` answers at once), then opens, migrates and seeds the database. */
  start(): Promise<RunningServer>;
  /** Reports not ready, drains in-flight requests (bounded), closes the server and the database. */
  stop(): Promise<{ drained: boolean }>;
}

/** Wires the service from its configuration and its database door. */
export function createService(config: ServiceConfig, deps: ServiceDeps): Service {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const version = config.faults.serviceVersion;
  const metrics = createMetrics({ version });
  const runtime = new ServiceRuntime({ readyNotBefore: now() + config.faults.readyDelayS * 1000, now });
  const leak = new MemoryLeak({
    mbPerMinute: config.faults.leakMbPerMin,
    onChange: (bytes) => metrics.leakedBytes.set({ version }, bytes),
  });
  const app = createApp({ config, runtime, metrics, now, log, ...(deps.guard ? { guard: deps.guard } : {}) });
  let server: RunningServer | undefined;
  let db: NepaDatabase | undefined;

  return {
    app,
    runtime,
    metrics,
    leak,
    async start() {
      server = await listen(app, { port: config.port, host: config.host });
      const guarded = deps.guard && config.agentMode === 'guarded' ? `, guard ${deps.guard.module}` : '';
      log(`nepa-agent ${version} listening on ${server.url} (agent ${config.agentMode}${guarded})`);
      leak.start();
      db = await deps.openDatabase(
        config.databaseUrl === undefined ? { dataDir: config.dataDir } : { databaseUrl: config.databaseUrl },
      );
      const open = db;
      const transact =
        open.transaction === undefined
          ? undefined
          : <T>(fn: (repository: NepaRepository) => Promise<T>) =>
              (open.transaction as NonNullable<NepaDatabase['transaction']>)((session) =>
                fn(session.repository),
              );
      runtime.databaseOpened(open.repository, true, transact);
      log(`database open (${db.kind}), migrations applied`);
      if (config.seed !== 'none') {
        await deps.seeds[config.seed](db);
        log(`seed "${config.seed}" loaded`);
      }
      runtime.seedLoaded();
      return server;
    },
    async stop() {
      runtime.startDraining();
      leak.stop();
      const result = server ? await server.shutdown(config.shutdownTimeoutMs) : { drained: true };
      await db?.close();
      return result;
    },
  };
}
