import type { ServerResponse } from 'node:http';

/** Requests under this prefix are answered by the proxy itself and never forwarded. */
export const ADMIN_PREFIX = '/__cara/';

/** Error codes in the JSON bodies the proxy writes itself. */
export type ProxyErrorCode =
  | 'NO_HEALTHY_BACKEND'
  | 'BACKEND_FAILED'
  | 'BACKEND_TIMEOUT'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED';

/** Writes the one JSON error shape of the proxy: `{"error":{"code","message"}}`. */
export function sendError(res: ServerResponse, status: number, code: ProxyErrorCode, message: string): void {
  if (res.destroyed || res.writableEnded) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

export interface AdminHandlers {
  metricsText: () => string;
  weightsJson: () => unknown;
}

/** Serves `GET /__cara/metrics` (Prometheus text) and `GET /__cara/weights` (JSON); 404 otherwise. */
export function serveAdmin(
  method: string,
  pathname: string,
  res: ServerResponse,
  handlers: AdminHandlers,
): void {
  const route = pathname.slice(ADMIN_PREFIX.length);
  if (route !== 'metrics' && route !== 'weights') {
    sendError(
      res,
      404,
      'NOT_FOUND',
      `Unknown proxy endpoint ${pathname}; try /__cara/metrics or /__cara/weights.`,
    );
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    sendError(res, 405, 'METHOD_NOT_ALLOWED', `${pathname} answers GET only.`);
    return;
  }
  const [type, body] =
    route === 'metrics'
      ? ['text/plain; version=0.0.4; charset=utf-8', handlers.metricsText()]
      : ['application/json; charset=utf-8', `${JSON.stringify(handlers.weightsJson())}\n`];
  res.writeHead(200, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(method === 'HEAD' ? undefined : body);
}
