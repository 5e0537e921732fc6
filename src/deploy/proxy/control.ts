import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CaraError, type ErrorCode, messageOf } from '../../core/errors.js';
import {
  DAEMON_FILES,
  PORT_IN_USE_EXIT_CODE,
  type ProxyDaemonConfig,
  type ProxyDaemonInfo,
  type ProxyRoutes,
  writeFileAtomic,
} from './daemon.js';
import type { BackendPool, ProxyMetrics, StickyOptions, WeightsSnapshot } from './types.js';

export type { PreviewRoute, ProxyDaemonInfo, ProxyRoutes } from './daemon.js';

/** How to find or start the proxy daemon of one service. */
export interface ProxyDaemonOptions {
  /** Directory of the daemon's files (config, routes, proxy.json, log); created when missing. */
  stateDir: string;
  service: string;
  /** The service port the proxy listens on. */
  port: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Path probed on every instance; without it only passive health applies. */
  healthPath?: string;
  /** Default 500 ms. */
  healthIntervalMs?: number;
  /** Port of the preview listener; default any free port. */
  previewPort?: number;
  sticky?: StickyOptions;
  /** Where the daemon's stdout and stderr go; default `<stateDir>/proxy.log`. */
  logFile?: string;
}

/** A connection to a running proxy daemon's admin API. */
export interface ProxyControl {
  readonly info: ProxyDaemonInfo;
  routes(): Promise<ProxyRoutes>;
  /** Persists then applies a routing table; bad weights throw DEPLOY_WEIGHTS_INVALID and change nothing. */
  setRoutes(routes: {
    pools: readonly BackendPool[];
    preview?: { pool: BackendPool; mirrorPercent: number };
  }): Promise<void>;
  status(): Promise<WeightsSnapshot & { preview?: WeightsSnapshot }>;
  metrics(): Promise<{ main: ProxyMetrics; preview?: ProxyMetrics }>;
  resetMetrics(version?: string): Promise<void>;
  /** Takes an instance out of rotation on the main and preview listeners; unknown URLs are ignored. */
  markDown(url: string, reason?: string): Promise<void>;
  /** Runs one active health-check round now (needs a health path). */
  checkHealth(): Promise<void>;
  /** Stops the daemon; resolves once its listeners are closed and proxy.json is removed. */
  shutdown(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;
/** How long a daemon may take to answer before it is treated as not running. */
const PROBE_TIMEOUT_MS = 2_000;
const RESUME_HINT = 'Run `cara deploy resume` to restart the proxy daemon; it restores the last routes.';
/** Codes the daemon answers with that mean the same to the caller. */
const PASSED_THROUGH = new Set<string>(['DEPLOY_WEIGHTS_INVALID', 'DEPLOY_PORT_IN_USE', 'USAGE']);

/** The daemon announced in `<stateDir>/proxy.json`, or undefined when there is none. */
export function readProxyDaemon(stateDir: string): ProxyDaemonInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(join(stateDir, DAEMON_FILES.info), 'utf8')) as ProxyDaemonInfo;
    const valid =
      Number.isInteger(info.pid) &&
      Number.isInteger(info.port) &&
      Number.isInteger(info.adminPort) &&
      typeof info.token === 'string';
    return valid ? info : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A control for the daemon of `stateDir` when it is running and answers; undefined otherwise. */
export async function connectProxyDaemon(stateDir: string): Promise<ProxyControl | undefined> {
  const info = readProxyDaemon(stateDir);
  if (info === undefined || !processAlive(info.pid)) return undefined;
  return probeControl(info, stateDir);
}

/** A control when the daemon answers an authorised status request quickly; undefined otherwise. */
async function probeControl(info: ProxyDaemonInfo, stateDir: string): Promise<ProxyControl | undefined> {
  try {
    await createControl(info, stateDir, PROBE_TIMEOUT_MS).status();
    return createControl(info, stateDir);
  } catch {
    return undefined;
  }
}

/**
 * Connects to the service's proxy daemon, or starts one (detached, in its own process group, so
 * it survives this process) and waits until it answers. The daemon restores the last routes.json.
 */
export async function ensureProxyDaemon(options: ProxyDaemonOptions): Promise<ProxyControl> {
  const { stateDir } = options;
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const config: ProxyDaemonConfig = {
    service: options.service,
    port: options.port,
    host: options.host ?? '127.0.0.1',
    ...(options.healthPath === undefined ? {} : { healthPath: options.healthPath }),
    healthIntervalMs: options.healthIntervalMs ?? 500,
    ...(options.sticky === undefined ? {} : { sticky: options.sticky }),
    ...(options.previewPort === undefined ? {} : { previewPort: options.previewPort }),
  };
  await writeFileAtomic(join(stateDir, DAEMON_FILES.config), `${JSON.stringify(config, null, 2)}\n`);
  const running = await connectProxyDaemon(stateDir);
  if (running !== undefined) {
    if (options.port !== 0 && running.info.port !== options.port) {
      throw new CaraError(
        'DEPLOY_STATE',
        `The proxy daemon of ${options.service} (pid ${running.info.pid}) listens on port ${running.info.port}, not ${options.port}.`,
        { hint: 'Finish or roll back the deployment in progress before changing the service port.' },
      );
    }
    return running;
  }
  return spawnDaemon(options);
}

/** The command that runs daemon-main next to this module (through tsx when running from source). */
function daemonArgs(): string[] {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return [join(dirname(here), 'daemon-main.js')];
  let loader = 'tsx';
  try {
    loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    // Resolved by node from the working directory instead.
  }
  return ['--import', loader, join(dirname(here), 'daemon-main.ts')];
}

async function spawnDaemon(options: ProxyDaemonOptions): Promise<ProxyControl> {
  const logFile = options.logFile ?? join(options.stateDir, DAEMON_FILES.log);
  const fd = openSync(logFile, 'a', 0o600);
  let exit: { code: number | null; signal: string | null } | undefined;
  let spawnError: Error | undefined;
  const child = (() => {
    try {
      return spawn(process.execPath, [...daemonArgs(), options.stateDir], {
        detached: true,
        stdio: ['ignore', fd, fd],
      });
    } finally {
      closeSync(fd);
    }
  })();
  const onExit = (code: number | null, signal: string | null): void => {
    exit = { code, signal };
  };
  const onError = (error: Error): void => {
    spawnError = error;
  };
  child.on('exit', onExit);
  child.on('error', onError);
  child.unref();
  const deadline = performance.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      if (spawnError !== undefined) {
        throw new CaraError('PROXY_UNREACHABLE', `Cannot start the proxy daemon: ${spawnError.message}.`, {
          hint: RESUME_HINT,
          cause: spawnError,
        });
      }
      if (exit !== undefined) throw startFailure(options, exit, logFile);
      const info = readProxyDaemon(options.stateDir);
      if (info !== undefined && info.pid === child.pid) {
        const control = await probeControl(info, options.stateDir);
        if (control !== undefined) return control;
      }
      if (performance.now() > deadline) {
        throw new CaraError(
          'PROXY_UNREACHABLE',
          `The proxy daemon of ${options.service} (pid ${child.pid}) did not answer within ${START_TIMEOUT_MS / 1000} s.${logTail(logFile)}`,
          { hint: `Check ${logFile}; ${RESUME_HINT}` },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.off('exit', onExit);
    child.off('error', onError);
  }
}

function startFailure(
  options: ProxyDaemonOptions,
  exit: { code: number | null; signal: string | null },
  logFile: string,
): CaraError {
  const tail = logTail(logFile);
  if (exit.code === PORT_IN_USE_EXIT_CODE) {
    return new CaraError(
      'DEPLOY_PORT_IN_USE',
      `The port ${options.port} of service ${options.service} is already in use by another process.${tail}`,
      {
        hint: `Stop the process holding port ${options.port} (e.g. \`lsof -i :${options.port}\`) or change the service port.`,
      },
    );
  }
  const how = exit.signal === null ? `exited with code ${exit.code}` : `was killed by ${exit.signal}`;
  return new CaraError(
    'PROXY_UNREACHABLE',
    `The proxy daemon of ${options.service} ${how} while starting.${tail}`,
    {
      hint: `Check ${logFile}; ${RESUME_HINT}`,
    },
  );
}

/** The last lines of the daemon log, indented, for error messages. */
function logTail(logFile: string, lines = 15): string {
  try {
    const size = statSync(logFile).size;
    const length = Math.min(size, 4_096);
    const buffer = Buffer.alloc(length);
    const fd = openSync(logFile, 'r');
    try {
      readSync(fd, buffer, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    const tail = buffer.toString('utf8').trimEnd().split('\n').slice(-lines);
    return tail.length === 0 || tail[0] === '' ? '' : `\n${tail.map((line) => `  | ${line}`).join('\n')}`;
  } catch {
    return '';
  }
}

interface CallOptions {
  body?: unknown;
  timeoutMs?: number;
}

function createControl(info: ProxyDaemonInfo, stateDir: string, timeoutMs = 10_000): ProxyControl {
  const where = `the proxy daemon (pid ${info.pid}, admin 127.0.0.1:${info.adminPort})`;
  const call = <T>(method: string, path: string, options: CallOptions = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const text = options.body === undefined ? undefined : JSON.stringify(options.body);
      const request = http.request(
        {
          host: '127.0.0.1',
          port: info.adminPort,
          method,
          path,
          agent: false,
          headers: {
            authorization: `Bearer ${info.token}`,
            ...(text === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => reject(unreachable(error)));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            let parsed: unknown;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              parsed = undefined;
            }
            if (status >= 200 && status < 300) resolve(parsed as T);
            else reject(answerError(status, parsed));
          });
        },
      );
      request.setTimeout(options.timeoutMs ?? timeoutMs, () =>
        request.destroy(new Error('admin request timed out')),
      );
      request.on('error', (error) => reject(unreachable(error)));
      request.end(text);
    });
  const unreachable = (error: unknown): CaraError =>
    new CaraError('PROXY_UNREACHABLE', `Cannot reach ${where}: ${codeOf(error)}.`, {
      hint: RESUME_HINT,
      cause: error,
    });
  const answerError = (status: number, body: unknown): CaraError => {
    const error = (body as { error?: { code?: string; message?: string; hint?: string } } | undefined)?.error;
    const message = error?.message ?? `HTTP ${status}`;
    if (error?.code !== undefined && PASSED_THROUGH.has(error.code)) {
      return new CaraError(
        error.code as ErrorCode,
        message,
        error.hint === undefined ? {} : { hint: error.hint },
      );
    }
    return new CaraError('PROXY_UNREACHABLE', `${where} answered ${status}: ${message}`, {
      hint: RESUME_HINT,
    });
  };

  return {
    info,
    routes: () => call<ProxyRoutes>('GET', '/routes'),
    setRoutes: async (routes) => {
      await call('PUT', '/routes', { body: routes });
    },
    status: () => call('GET', '/status'),
    metrics: () => call('GET', '/metrics'),
    resetMetrics: async (version) => {
      await call('POST', '/reset-metrics', { body: version === undefined ? {} : { version } });
    },
    markDown: async (url, reason) => {
      await call('POST', '/mark-down', { body: reason === undefined ? { url } : { url, reason } });
    },
    checkHealth: async () => {
      await call('POST', '/check-health', { timeoutMs: 30_000 });
    },
    shutdown: async () => {
      try {
        await call('POST', '/shutdown', { timeoutMs: 30_000 });
      } catch (error) {
        // The daemon may exit before its answer arrives; gone is what was asked for.
        if (readProxyDaemon(stateDir)?.pid === info.pid && processAlive(info.pid)) throw error;
      }
    },
  };
}

function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? messageOf(error);
}
