import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, rename, rm, unlink } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CaraError, isCaraError, messageOf } from '../../core/errors.js';
import { createTrafficMirror } from './mirror.js';
import { createWeightedProxy } from './proxy.js';
import type { BackendPool, StickyOptions, WeightedProxy } from './types.js';
import { validateBackends } from './validate.js';

/** Files of a proxy daemon inside its state directory. */
export const DAEMON_FILES = {
  config: 'proxy-config.json',
  routes: 'routes.json',
  info: 'proxy.json',
  log: 'proxy.log',
} as const;

/** Exit code of the daemon process when the service port is held by another process. */
export const PORT_IN_USE_EXIT_CODE = 3;

/** What `proxy-config.json` holds: how the daemon listens and checks instances. */
export interface ProxyDaemonConfig {
  service: string;
  port: number;
  host?: string;
  /** Active health checks probe this path; without it only passive health applies. */
  healthPath?: string;
  /** Default 500 ms. */
  healthIntervalMs?: number;
  sticky?: StickyOptions;
  /** Port of the preview listener; 0 or absent picks a free one. */
  previewPort?: number;
}

/** The preview pool and how much of the main port's traffic is copied to it. */
export interface PreviewRoute {
  pool: BackendPool;
  /** Share of the main port's bodiless GET/HEAD requests mirrored to the preview, 0..100. */
  mirrorPercent: number;
}

/** The routing table the daemon applies and persists in `routes.json`. */
export interface ProxyRoutes {
  pools: BackendPool[];
  preview?: PreviewRoute;
}

/** What `proxy.json` holds once the daemon listens; the token authorises admin requests. */
export interface ProxyDaemonInfo {
  pid: number;
  port: number;
  adminPort: number;
  token: string;
  previewPort?: number;
  startedAt: string;
}

/** A running daemon, as returned to its process entry. */
export interface RunningProxyDaemon {
  readonly info: ProxyDaemonInfo;
  /** Closes the listeners and removes `proxy.json`; idempotent. */
  stop(): Promise<void>;
  /** Resolves once the daemon has stopped (after `stop()` or `POST /shutdown`). */
  readonly closed: Promise<void>;
}

export interface RunProxyDaemonOptions {
  /** Where the one-line change log goes; default stdout. */
  log?: (line: string) => void;
}

/** Writes a file through a temporary sibling and a rename, so readers never see half of it. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

const weightsError = (message: string): CaraError =>
  new CaraError('DEPLOY_WEIGHTS_INVALID', message, {
    hint: 'Give each version an integer weight 0..100, the weights summing to 100, and http:// instance URLs.',
  });

/** Checks a routing table (as received over the admin API or read from routes.json). */
export function validateRoutes(value: unknown): ProxyRoutes {
  if (typeof value !== 'object' || value === null) throw weightsError('Invalid routes: expected an object.');
  const { pools, preview } = value as { pools?: unknown; preview?: unknown };
  const check = (list: unknown, prefix: string): BackendPool[] => {
    try {
      return validateBackends(list as BackendPool[]);
    } catch (error) {
      throw weightsError(`${prefix}${messageOf(error)}`);
    }
  };
  const routes: ProxyRoutes = { pools: check(pools, '') };
  if (preview === undefined || preview === null) return routes;
  if (typeof preview !== 'object') throw weightsError('Invalid routes: preview must be an object.');
  const { pool, mirrorPercent } = preview as { pool?: unknown; mirrorPercent?: unknown };
  const [checked] = check([pool], 'Preview pool: ');
  if (
    typeof mirrorPercent !== 'number' ||
    !Number.isFinite(mirrorPercent) ||
    mirrorPercent < 0 ||
    mirrorPercent > 100
  ) {
    throw weightsError(
      `Invalid routes: preview.mirrorPercent must be a number 0..100, got ${String(mirrorPercent)}.`,
    );
  }
  if (checked !== undefined) routes.preview = { pool: checked, mirrorPercent };
  return routes;
}

function readConfig(stateDir: string): ProxyDaemonConfig {
  const path = join(stateDir, DAEMON_FILES.config);
  let config: ProxyDaemonConfig;
  try {
    config = JSON.parse(readFileSync(path, 'utf8')) as ProxyDaemonConfig;
  } catch (error) {
    throw new CaraError(
      'DEPLOY_CONFIG_INVALID',
      `Cannot read the proxy daemon config ${path}: ${messageOf(error)}.`,
      {
        hint: 'Run `cara deploy resume`, which rewrites it.',
        cause: error,
      },
    );
  }
  const port = (value: unknown): boolean =>
    Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65_535;
  if (
    typeof config?.service !== 'string' ||
    !port(config.port) ||
    (config.previewPort !== undefined && !port(config.previewPort))
  ) {
    throw new CaraError(
      'DEPLOY_CONFIG_INVALID',
      `Invalid proxy daemon config ${path}: needs service and port 0..65535.`,
    );
  }
  return config;
}

/** routes.json, or undefined when absent; a damaged file is reported and ignored. */
function readRoutes(stateDir: string, log: (line: string) => void): ProxyRoutes | undefined {
  let text: string;
  try {
    text = readFileSync(join(stateDir, DAEMON_FILES.routes), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return validateRoutes(JSON.parse(text));
  } catch (error) {
    log(`routes.json ignored: ${messageOf(error)}`);
    return undefined;
  }
}

function describe(routes: ProxyRoutes): string {
  const main = routes.pools.map((p) => `${p.version}=${p.weight}`).join(' ');
  const preview = routes.preview;
  return preview === undefined
    ? main
    : `${main} preview=${preview.pool.version} mirror=${preview.mirrorPercent}%`;
}

function portInUse(error: unknown, what: string, port: number): CaraError {
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  if (cause?.code === 'EADDRINUSE') {
    return new CaraError(
      'DEPLOY_PORT_IN_USE',
      `The ${what} port ${port} is already in use by another process.`,
      {
        hint: `Stop the process holding port ${port} or configure another port.`,
        cause: error,
      },
    );
  }
  return isCaraError(error) ? error : new CaraError('INTERNAL', messageOf(error), { cause: error });
}

/**
 * Runs the proxy daemon of one service: the weighted proxy on the service port (restoring the last
 * routes.json), an optional preview listener fed by mirrored traffic, and a token-protected admin
 * API on a random loopback port, announced in `proxy.json`. It outlives the `cara` process that
 * drives the deployment, so traffic keeps flowing while that process is killed and restarted.
 */
export async function runProxyDaemon(
  stateFileDir: string,
  options: RunProxyDaemonOptions = {},
): Promise<RunningProxyDaemon> {
  const log =
    options.log ?? ((line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`));
  const config = readConfig(stateFileDir);
  const host = config.host ?? '127.0.0.1';
  const healthCheck =
    config.healthPath === undefined
      ? undefined
      : { path: config.healthPath, intervalMs: config.healthIntervalMs ?? 500 };
  const base = {
    host,
    ...(healthCheck === undefined ? {} : { healthCheck }),
    ...(config.sticky === undefined ? {} : { sticky: config.sticky }),
  };
  let routes: ProxyRoutes | undefined = readRoutes(stateFileDir, log);
  const mirror = createTrafficMirror();
  const main = await createWeightedProxy({
    ...base,
    port: config.port,
    mirror: mirror.hook,
    ...(routes === undefined ? {} : { backends: routes.pools }),
  }).catch((error: unknown) => {
    mirror.close();
    throw portInUse(error, `service ${config.service}`, config.port);
  });
  let preview: WeightedProxy | undefined;
  let lastPreviewPort = config.previewPort ?? 0;

  /** Binds the preview listener: the configured port, else the one used last, else any free one. */
  async function startPreview(pool: BackendPool): Promise<WeightedProxy> {
    const listen = (port: number) => createWeightedProxy({ ...base, port, backends: [pool] });
    const configured = config.previewPort ?? 0;
    const started = await listen(lastPreviewPort)
      .catch((error: unknown) =>
        configured === 0 && lastPreviewPort !== 0 ? listen(0) : Promise.reject(error),
      )
      .catch((error: unknown) => {
        throw portInUse(error, `preview of ${config.service}`, configured);
      });
    lastPreviewPort = started.port;
    return started;
  }
  /** Stops mirroring and the preview listener; resolves once its in-flight requests finished. */
  function stopPreview(): Promise<void> {
    mirror.setTarget(undefined);
    const closing = preview;
    preview = undefined;
    return closing?.close() ?? Promise.resolve();
  }
  if (routes?.preview !== undefined) {
    try {
      preview = await startPreview(routes.preview.pool);
      mirror.setTarget({ url: preview.url, percent: routes.preview.mirrorPercent });
    } catch (error) {
      log(`preview not restored: ${messageOf(error)}`);
    }
  }

  const token = randomBytes(32).toString('hex');
  const infoPath = join(stateFileDir, DAEMON_FILES.info);
  const startedAt = new Date().toISOString();
  let adminPort = 0;
  const info = (): ProxyDaemonInfo => ({
    pid: process.pid,
    port: main.port,
    adminPort,
    token,
    ...(preview === undefined ? {} : { previewPort: preview.port }),
    startedAt,
  });
  let queue: Promise<unknown> = Promise.resolve();
  /** Admin changes run one at a time, in arrival order. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  async function setRoutes(next: ProxyRoutes): Promise<void> {
    // A new preview listener is bound before anything is persisted: a taken port changes nothing.
    let started: WeightedProxy | undefined;
    if (next.preview !== undefined && preview === undefined) started = await startPreview(next.preview.pool);
    try {
      await writeFileAtomic(join(stateFileDir, DAEMON_FILES.routes), `${JSON.stringify(next, null, 2)}\n`);
    } catch (error) {
      await started?.close();
      throw error;
    }
    main.setBackends(next.pools);
    const hadPreview = preview !== undefined || started !== undefined;
    if (next.preview === undefined) {
      // Requests still running on the preview finish in the background.
      stopPreview().catch((error: unknown) => log(`preview close failed: ${messageOf(error)}`));
    } else {
      preview = started ?? preview;
      preview?.setBackends([next.preview.pool]);
      if (preview !== undefined) mirror.setTarget({ url: preview.url, percent: next.preview.mirrorPercent });
    }
    routes = next;
    if (hadPreview !== (preview !== undefined) || started !== undefined) {
      await writeFileAtomic(infoPath, `${JSON.stringify(info(), null, 2)}\n`);
    }
    log(`routes ${describe(next)}`);
  }

  let stopping: Promise<void> | undefined;
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const admin = http.createServer((req, res) => {
    serveDaemonAdmin(req, res).catch((error: unknown) => reply(res, statusOf(error), errorBody(error)));
  });

  async function stop(): Promise<void> {
    stopping ??= (async () => {
      log('shutdown');
      admin.close();
      admin.closeIdleConnections();
      // In-flight requests get a few seconds to finish; the process exits after this anyway.
      const grace = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
      await Promise.race([Promise.all([main.close(), stopPreview()]), grace]);
      mirror.close();
      try {
        const current = JSON.parse(readFileSync(infoPath, 'utf8')) as Partial<ProxyDaemonInfo>;
        if (current.pid === process.pid) await unlink(infoPath);
      } catch {
        // Already gone.
      }
    })();
    return stopping;
  }

  async function serveDaemonAdmin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorised(req.headers.authorization, token)) {
      req.resume();
      reply(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Missing or wrong bearer token.' } });
      return;
    }
    const body = await readBody(req);
    const route = `${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}`;
    const input = (): Record<string, unknown> => parseJson(body);
    switch (route) {
      case 'GET /status':
        reply(res, 200, {
          ...main.status(),
          ...(preview === undefined ? {} : { preview: preview.status() }),
        });
        return;
      case 'GET /routes':
        reply(res, 200, routes ?? { pools: [] });
        return;
      case 'PUT /routes': {
        const next = validateRoutes(input());
        await serial(() => setRoutes(next));
        reply(res, 200, { ok: true });
        return;
      }
      case 'GET /metrics':
        reply(res, 200, {
          main: main.metrics(),
          ...(preview === undefined ? {} : { preview: preview.metrics() }),
        });
        return;
      case 'POST /reset-metrics': {
        const { version } = input();
        if (version !== undefined && typeof version !== 'string') throw usage('version must be a string');
        main.resetMetrics(version);
        preview?.resetMetrics(version);
        log(`reset-metrics ${version ?? 'all'}`);
        reply(res, 200, { ok: true });
        return;
      }
      case 'POST /mark-down': {
        const { url, reason } = input();
        if (typeof url !== 'string') throw usage('url must be a string');
        if (reason !== undefined && typeof reason !== 'string') throw usage('reason must be a string');
        const known = [main.markDown(url, reason), preview?.markDown(url, reason) ?? false].some(Boolean);
        log(`mark-down ${url}${reason === undefined ? '' : ` (${reason})`}${known ? '' : ' unknown'}`);
        reply(res, 200, { known });
        return;
      }
      case 'POST /check-health':
        if (healthCheck === undefined) throw usage('no health path is configured');
        await Promise.all([main.checkHealth(), preview?.checkHealth()]);
        reply(res, 200, { ok: true });
        return;
      case 'POST /shutdown':
        await stop();
        res.once('close', () => {
          admin.closeAllConnections();
          markClosed();
        });
        reply(res, 200, { ok: true });
        return;
      default:
        reply(res, 404, { error: { code: 'NOT_FOUND', message: `Unknown admin endpoint ${route}.` } });
    }
  }

  adminPort = await new Promise<number>((resolve, reject) => {
    admin.once('error', reject);
    admin.listen(0, '127.0.0.1', () => resolve((admin.address() as AddressInfo).port));
  }).catch(async (error: unknown) => {
    await Promise.all([main.close(), preview?.close()]);
    throw error;
  });
  await writeFileAtomic(infoPath, `${JSON.stringify(info(), null, 2)}\n`);
  log(
    `listening service=${config.service} port=${main.port} admin=${adminPort}` +
      (routes === undefined ? '' : ` restored ${describe(routes)}`),
  );
  return {
    get info() {
      return info();
    },
    stop: async () => {
      await stop();
      markClosed();
    },
    closed,
  };
}

/** HTTP status of an admin error: bad input 400, a taken port 409, anything else 500. */
function statusOf(error: unknown): number {
  if (!isCaraError(error)) return 500;
  if (error.code === 'USAGE' || error.code === 'DEPLOY_WEIGHTS_INVALID') return 400;
  return error.code === 'DEPLOY_PORT_IN_USE' ? 409 : 500;
}

function usage(problem: string): CaraError {
  return new CaraError('USAGE', `Invalid admin request: ${problem}.`);
}

function authorised(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const MAX_BODY = 1 << 20;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('admin request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw usage('the body must be a JSON object');
}

function errorBody(error: unknown): { error: { code: string; message: string; hint?: string } } {
  if (!isCaraError(error)) return { error: { code: 'INTERNAL', message: messageOf(error) } };
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    },
  };
}

function reply(res: ServerResponse, status: number, body: unknown, onSent?: () => void): void {
  if (res.headersSent || res.destroyed) return;
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text, onSent);
}
