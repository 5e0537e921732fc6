import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Route } from './balancer.js';
import { requestHeadersForBackend, stripHopByHop } from './headers.js';
import type { MetricsRecorder } from './metrics.js';

/** Methods a backend may see twice without changing the outcome (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** Everything one attempt needs besides the request itself. */
export interface ForwardContext {
  agent: http.Agent;
  metrics: MetricsRecorder;
  timeoutMs: number;
  now: () => number;
}

/** How an attempt ended before the proxy's own answer, if any, is written. */
export type AttemptResult =
  /** The backend's status line went to the client; the body streams on from here. */
  | { kind: 'responded' }
  /** Nothing was written to the client. */
  | {
      kind: 'failed';
      reason: string;
      timeout: boolean;
      retryable: boolean;
      /** False when the connection was never established, so the backend saw nothing. */
      connected: boolean;
    }
  /** The client disconnected before any response. */
  | { kind: 'client-gone' };

/** The origin-form path to send upstream; absolute-form request targets are reduced to it. */
export function requestPath(target: string | undefined): string {
  if (target === undefined || target === '') return '/';
  if (target.startsWith('/') || target === '*') return target;
  try {
    const parsed = new URL(target);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return '/';
  }
}

function errorCode(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ?? error.message;
  }
  return String(error);
}

/**
 * Sends one attempt of `req` to `route` and streams the answer into `res`.
 * The client body is piped only once the backend socket is connected, so a refused connection
 * consumes nothing and the request can be retried elsewhere; `retryable` is true when no body byte
 * was forwarded and either the method is idempotent or the connection was never established.
 */
export function forwardOnce(
  req: IncomingMessage,
  res: ServerResponse,
  route: Route,
  context: ForwardContext,
): Promise<AttemptResult> {
  const { version, instance } = route;
  const started = context.now();
  const target = new URL(instance.url);
  context.metrics.start(version);

  return new Promise((resolve) => {
    let bodyBytes = 0;
    let connected = false;
    let settled = false;
    const countBody = (chunk: Buffer): void => {
      bodyBytes += chunk.length;
    };
    const proxyReq = http.request({
      agent: context.agent,
      protocol: 'http:',
      hostname: target.hostname.replace(/^\[|\]$/g, ''),
      port: target.port === '' ? 80 : Number(target.port),
      method: req.method ?? 'GET',
      path: requestPath(req.url),
      headers: requestHeadersForBackend(req.headers, { remoteAddress: req.socket.remoteAddress }),
    });
    proxyReq.setTimeout(context.timeoutMs);

    const detach = (): void => {
      req.off('data', countBody);
      req.unpipe(proxyReq);
      res.off('close', onClientClose);
    };
    const settleFailure = (reason: string, timeout: boolean): void => {
      if (settled) return;
      settled = true;
      detach();
      proxyReq.destroy();
      context.metrics.finish(version, { error: true });
      const idempotent = IDEMPOTENT.has(req.method ?? 'GET');
      const retryable = !timeout && bodyBytes === 0 && (idempotent || !connected);
      resolve({ kind: 'failed', reason, timeout, retryable, connected });
    };
    function onClientClose(): void {
      if (settled) return;
      settled = true;
      detach();
      proxyReq.destroy();
      context.metrics.finish(version, { error: false });
      resolve({ kind: 'client-gone' });
    }
    res.on('close', onClientClose);

    proxyReq.on('socket', (socket) => {
      const startBody = (): void => {
        if (settled) return;
        connected = true;
        req.on('data', countBody);
        req.pipe(proxyReq);
      };
      if (socket.connecting) socket.once('connect', startBody);
      else startBody();
    });
    proxyReq.on('timeout', () => {
      if (!settled) settleFailure('timeout', true);
      else proxyReq.destroy(new Error('backend timeout'));
    });
    proxyReq.on('error', (error) => {
      if (!settled) settleFailure(errorCode(error), false);
    });

    proxyReq.on('response', (upstream) => {
      if (settled) {
        upstream.resume();
        return;
      }
      settled = true;
      res.off('close', onClientClose);
      const status = upstream.statusCode ?? 502;
      const headers = stripHopByHop(upstream.headers);
      headers['x-cara-version'] = version;
      res.writeHead(status, upstream.statusMessage, headers);
      upstream.pipe(res);
      let broken = false;
      let recorded = false;
      const record = (complete: boolean): void => {
        if (recorded) return;
        recorded = true;
        const error = broken || status >= 500;
        if (complete) context.metrics.finish(version, { error, latencyMs: context.now() - started });
        else context.metrics.finish(version, { error });
      };
      const breakStream = (): void => {
        broken = true;
        res.destroy();
      };
      upstream.on('aborted', breakStream);
      upstream.on('error', breakStream);
      proxyReq.on('error', breakStream);
      upstream.on('close', () => {
        if (!upstream.complete) breakStream();
      });
      res.on('finish', () => record(true));
      res.on('close', () => {
        if (!res.writableFinished) {
          proxyReq.destroy();
          record(false);
        }
      });
      resolve({ kind: 'responded' });
    });
  });
}
