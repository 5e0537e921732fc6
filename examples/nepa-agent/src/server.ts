/**
 * The HTTP server around the app: listens, counts in-flight requests, and shuts down gracefully —
 * stop accepting, let in-flight requests finish (bounded), then close what is left.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface ListenOptions {
  port: number;
  host: string;
}

export interface RunningServer {
  port: number;
  /** Base URL for clients (a wildcard host is reported as 127.0.0.1). */
  url: string;
  server: Server;
  inFlight(): number;
  /** Stops accepting, waits up to `timeoutMs` for in-flight requests, then closes every connection. */
  shutdown(timeoutMs: number): Promise<{ drained: boolean }>;
}

/** Starts listening; resolves once the port is bound. */
export function listen(app: Hono, options: ListenOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let active = 0;
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
        resolve({
          port: info.port,
          url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
          server,
          inFlight: () => active,
          shutdown: (timeoutMs) => shutdown(server, () => active, timeoutMs),
        });
      },
    ) as Server;
    server.on('request', (_request, response) => {
      active++;
      response.once('close', () => active--);
    });
    server.once('error', reject);
  });
}

async function shutdown(
  server: Server,
  active: () => number,
  timeoutMs: number,
): Promise<{ drained: boolean }> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const deadline = Date.now() + timeoutMs;
  while (active() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    server.closeIdleConnections();
  }
  const drained = active() === 0;
  server.closeAllConnections();
  await closed;
  return { drained };
}
