import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AuditEventInput } from '../../audit/index.js';
import { type CaraConfig, CaraError, type ServiceConfig } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { ensureProxyDaemon, type ProxyControl } from '../proxy/index.js';
import {
  type DeployTarget,
  getTarget,
  type InstanceRecord,
  type InstanceSpec,
  type PreparedVersion,
  processAlive,
} from '../targets/index.js';

/** What the orchestrator needs from the command that runs it. */
export interface DeployEnvironment {
  root: string;
  config: CaraConfig;
  store: Store;
  audit: { record(input: AuditEventInput): Promise<unknown> };
  /** Who runs this command (AU-3 identity). */
  actor: string;
  /** Progress lines (stderr in the CLI). */
  log(line: string): void;
  now?: () => Date;
  /** How often waits check requests, crashes and heartbeats; default 500 ms. */
  pollMs?: number;
  /** Aborting detaches: the deployment stays where it is for `cara deploy resume`. */
  signal?: AbortSignal;
}

export const now = (env: DeployEnvironment): Date => env.now?.() ?? new Date();
export const isoNow = (env: DeployEnvironment): string => now(env).toISOString();

/** `<repo>/.cara/deploy/<service>`: the proxy daemon's files, instance folders and logs. */
export function serviceStateDir(root: string, service: string): string {
  return join(root, '.cara', 'deploy', service);
}

export function serviceConfig(config: CaraConfig, name: string): ServiceConfig {
  const service = config.deploy.services[name];
  if (service === undefined) {
    const known = Object.keys(config.deploy.services);
    throw new CaraError(
      'DEPLOY_CONFIG_INVALID',
      `no service "${name}" in deploy.services of cara.config.yaml`,
      {
        hint:
          known.length > 0
            ? `known services: ${known.join(', ')}`
            : 'add one under deploy.services (see `cara config schema` or docs/deploy.md)',
      },
    );
  }
  return service;
}

export function targetFor(service: ServiceConfig): DeployTarget {
  return getTarget(service.target);
}

/** The proxy daemon of a service, started when it is not running (routes restored from disk). */
export function proxyFor(
  env: DeployEnvironment,
  name: string,
  service: ServiceConfig,
): Promise<ProxyControl> {
  const stateDir = serviceStateDir(env.root, name);
  return ensureProxyDaemon({
    stateDir,
    service: name,
    port: service.port,
    host: service.host,
    healthPath: service.healthPath,
    healthIntervalMs: 500,
    previewPort: service.blueGreen.previewPort,
    ...(service.sticky ? { sticky: stickyOptions(service.sticky) } : {}),
    logFile: join(stateDir, 'proxy.log'),
  });
}

/** The spec of instance `index` of a version. */
export function instanceSpec(
  env: DeployEnvironment,
  name: string,
  service: ServiceConfig,
  version: Pick<PreparedVersion, 'label' | 'checkoutDir'>,
  index: number,
): InstanceSpec {
  return {
    service: name,
    version: version.label,
    index,
    checkoutDir: version.checkoutDir,
    cwd: service.cwd,
    command: service.command,
    env: service.env,
    ...(service.envFile ? { envFile: service.envFile } : {}),
    stateDir: serviceStateDir(env.root, name),
    readiness: {
      path: service.readiness.path,
      timeoutMs: Math.round(service.readiness.timeoutSeconds * 1000),
      intervalMs: service.readiness.intervalMs,
    },
  };
}

/** The lowest indices not used by `records`. */
export function freeIndices(records: readonly InstanceRecord[], count: number): number[] {
  const used = new Set(records.map((r) => r.index));
  const out: number[] = [];
  for (let i = 0; out.length < count; i++) if (!used.has(i)) out.push(i);
  return out;
}

/** `pid@host` of this process: the owner written on a deployment it drives. */
export function ownerId(): string {
  return `${process.pid}@${hostname()}`;
}

/** Heartbeats older than this mean the driving process is gone, whatever its pid says. */
export const HEARTBEAT_STALE_MS = 15_000;

/** Is the process that claimed a deployment still driving it? */
export function ownerAlive(owner: string | null, heartbeatAt: string | null, at: Date): boolean {
  if (owner === null) return false;
  const fresh = heartbeatAt !== null && at.getTime() - Date.parse(heartbeatAt) < HEARTBEAT_STALE_MS;
  const match = /^(\d+)@(.+)$/.exec(owner);
  if (!match || match[2] !== hostname()) return fresh;
  // Not a bare kill(pid, 0): a killed driver nobody reaps (its parent exited and init does not
  // reap, as in many containers) stays a zombie that would hold the deployment until it is stale.
  return processAlive(Number(match[1]), null) && fresh;
}

function stickyOptions(sticky: NonNullable<ServiceConfig['sticky']>): { header?: string; cookie?: string } {
  return {
    ...(sticky.header !== undefined ? { header: sticky.header } : {}),
    ...(sticky.cookie !== undefined ? { cookie: sticky.cookie } : {}),
  };
}
