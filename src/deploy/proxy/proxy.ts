import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CaraError, messageOf } from '../../core/errors.js';
import { ADMIN_PREFIX, sendError, serveAdmin } from './admin.js';
import { Balancer } from './balancer.js';
import { type AttemptResult, type ForwardContext, forwardOnce, requestPath } from './forward.js';
import { readCookie } from './headers.js';
import { probe, startHealthTimer } from './health.js';
import { MetricsRecorder, renderPrometheus } from './metrics.js';
import type {
  HealthCheckOptions,
  MirroredRequest,
  StickyOptions,
  WeightedProxy,
  WeightedProxyOptions,
} from './types.js';
import { validateBackends } from './validate.js';

/**
 * Idle backend sockets are dropped after this long, below Node's default server keep-alive timeout
 * (5 s), so the proxy rarely reuses a socket the backend is closing.
 */
const AGENT_IDLE_MS = 4_000;

function positiveInteger(value: number | undefined, fallback: number, field: string, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new CaraError(
      'USAGE',
      `Invalid proxy option ${field}: expected an integer >= ${min}, got ${value}.`,
    );
  }
  return value;
}

function resolveHealth(options: WeightedProxyOptions): Required<HealthCheckOptions> | undefined {
  const config =
    options.healthCheck ?? (options.healthPath === undefined ? undefined : { path: options.healthPath });
  if (config === undefined) return undefined;
  if (!config.path.startsWith('/')) {
    throw new CaraError('USAGE', `Invalid proxy health path "${config.path}": it must start with "/".`);
  }
  return {
    path: config.path,
    intervalMs: positiveInteger(config.intervalMs, 2_000, 'healthCheck.intervalMs', 0),
    timeoutMs: positiveInteger(config.timeoutMs, 1_000, 'healthCheck.timeoutMs'),
  };
}

function stickyKeyOf(req: IncomingMessage, sticky: StickyOptions | undefined): string | undefined {
  if (sticky === undefined) return undefined;
  if (sticky.header !== undefined) {
    const value = req.headers[sticky.header.toLowerCase()];
    const text = Array.isArray(value) ? value.join(',') : value;
    if (text !== undefined && text !== '') return text;
  }
  if (sticky.cookie !== undefined) {
    const value = readCookie(req.headers.cookie, sticky.cookie);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

async function listen(server: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  }).catch((error: unknown) => {
    throw new CaraError('USAGE', `The deploy proxy cannot listen on ${host}:${port}: ${messageOf(error)}.`, {
      hint: 'Stop whatever holds the port or configure another one for the service.',
      cause: error,
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Starts the weighted reverse proxy that sits on a service's port during a progressive delivery.
 * It splits new requests across versions by weight, keeps in-flight and keep-alive requests alive
 * across weight changes, routes around dead instances, and records per-version metrics for the judge.
 * Routing, retry and health semantics are described in this folder's README.md.
 */
export async function createWeightedProxy(options: WeightedProxyOptions): Promise<WeightedProxy> {
  const port = positiveInteger(options.port, 0, 'port', 0);
  if (port > 65_535) throw new CaraError('USAGE', `Invalid proxy port ${port}: expected 0..65535.`);
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => performance.now());
  const health = resolveHealth(options);
  const sticky = options.sticky;
  const balancer = new Balancer({
    now,
    downMs: positiveInteger(options.downMs, 10_000, 'downMs', 0),
    activeHealth: health !== undefined,
    stickyMaxKeys: positiveInteger(sticky?.maxKeys, 10_000, 'sticky.maxKeys'),
  });
  if (options.backends !== undefined) balancer.set(validateBackends(options.backends));
  const metrics = new MetricsRecorder(positiveInteger(options.latencyWindow, 10_000, 'latencyWindow', 0));
  const agent = new http.Agent({ keepAlive: true, timeout: AGENT_IDLE_MS, scheduling: 'lifo' });
  const context: ForwardContext = {
    agent,
    metrics,
    now,
    timeoutMs: positiveInteger(options.backendTimeoutMs, 30_000, 'backendTimeoutMs'),
  };
  const mirror = options.mirror;
  let closing = false;

  const instanceStatuses = () => balancer.status().versions.flatMap((v) => v.instances);
  const metricsText = (): string =>
    renderPrometheus(metrics.snapshot(), balancer.weights(), instanceStatuses());

  async function proxyRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const key = stickyKeyOf(req, sticky);
    const tried = new Set<string>();
    let last: Extract<AttemptResult, { kind: 'failed' }> | undefined;
    let retries = 1;
    let outOfBackends = false;
    // Ends: every pass adds an instance to `tried`, which the next pick excludes.
    for (;;) {
      const route = balancer.pick(key, tried);
      if (route === undefined) {
        outOfBackends = true;
        break;
      }
      const result = await forwardOnce(req, res, route, context);
      if (result.kind === 'client-gone') return;
      if (result.kind === 'responded') {
        if (!route.instance.up) balancer.markUp(route.instance.url);
        return;
      }
      last = result;
      tried.add(route.instance.url);
      // A timeout means slow, not dead: the instance stays in rotation (active checks catch hangs).
      if (!result.timeout) balancer.markDown(route.instance.url, result.reason);
      if (!result.retryable) break;
      // Refused connections are free to retry (nothing reached a backend); others get one retry.
      if (result.connected) {
        if (retries === 0) break;
        retries--;
      }
    }
    if (last?.timeout === true) {
      sendError(res, 504, 'BACKEND_TIMEOUT', `The backend did not answer within ${context.timeoutMs} ms.`);
    } else if (outOfBackends) {
      metrics.noteUnrouted();
      sendError(res, 503, 'NO_HEALTHY_BACKEND', 'No healthy backend instance with weight > 0 is available.');
    } else {
      const reason = last?.reason ?? 'unknown';
      sendError(res, 502, 'BACKEND_FAILED', `The backend failed (${reason}); it was not retried further.`);
    }
  }

  const server = http.createServer((req, res) => {
    // A client that aborts mid-upload errors `req`; the attempt sees it as `res` closing instead.
    req.on('error', () => {});
    if (closing) res.shouldKeepAlive = false;
    const pathname = requestPath(req.url).split('?')[0] ?? '/';
    if (pathname.startsWith(ADMIN_PREFIX)) {
      req.resume();
      serveAdmin(req.method ?? 'GET', pathname, res, { metricsText, weightsJson: () => balancer.status() });
      return;
    }
    if (mirror !== undefined) offerToMirror(req, mirror);
    proxyRequest(req, res).catch((error: unknown) => {
      sendError(res, 502, 'BACKEND_FAILED', `The proxy failed: ${messageOf(error)}.`);
    });
  });
  const boundPort = await listen(server, port, host);

  async function checkHealth(): Promise<void> {
    if (health === undefined) {
      throw new CaraError('USAGE', 'The deploy proxy has no health check configured.', {
        hint: 'Pass healthPath (or healthCheck) to createWeightedProxy.',
      });
    }
    await Promise.all(
      balancer.instances().map(async ({ url }) => {
        const result = await probe(url, health.path, health.timeoutMs);
        if (result.up) balancer.markUp(url);
        else balancer.markDown(url, result.reason);
      }),
    );
  }
  const stopHealth =
    health !== undefined && health.intervalMs > 0
      ? startHealthTimer(health.intervalMs, checkHealth)
      : () => {};

  const displayHost = host.includes(':') ? `[${host}]` : host;
  return {
    port: boundPort,
    url: `http://${displayHost}:${boundPort}`,
    setBackends: (pools) => balancer.set(validateBackends(pools)),
    weights: () => balancer.weights(),
    status: () => balancer.status(),
    metrics: () => metrics.snapshot(),
    metricsText,
    resetMetrics: (version) => metrics.reset(version),
    markDown: (url, reason = 'marked down') => balancer.markDown(normaliseUrl(url), reason),
    markUp: (url) => balancer.markUp(normaliseUrl(url)),
    checkHealth,
    close: async () => {
      if (closing) return;
      closing = true;
      stopHealth();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Keep-alive connections that finish their last response are closed as they go idle.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      await closed;
      clearInterval(sweep);
      agent.destroy();
    },
  };
}

/** Hands GET/HEAD requests without a body to the mirror hook; the hook cannot affect the answer. */
function offerToMirror(req: IncomingMessage, mirror: (request: MirroredRequest) => void): void {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') return;
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')) return;
  try {
    mirror({
      method,
      path: requestPath(req.url),
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress,
    });
  } catch {
    // A failing mirror must never affect the client's request.
  }
}

function normaliseUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
