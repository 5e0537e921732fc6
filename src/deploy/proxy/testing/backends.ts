/**
 * Loopback HTTP backends and a small client for the proxy tests: real sockets, no mocks.
 * Lives under testing/ so the build leaves it out.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type BackendHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

export interface TestBackend {
  version: string;
  url: string;
  /** Requests that reached this backend, by path. */
  seen: string[];
  /** Replaces how the backend answers. */
  handle(handler: BackendHandler | undefined): void;
  /** Stops listening and drops every open connection, as a crashed process would. */
  kill(): Promise<void>;
}

/** Answers `version` as text; `/echo` answers the request's method, headers and body as JSON. */
function defaultAnswer(version: string): BackendHandler {
  return (req, res, body) => {
    if (req.url?.startsWith('/echo') === true) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ version, method: req.method, headers: req.headers, body: body.toString() }));
      return;
    }
    res.setHeader('content-type', 'text/plain');
    res.end(version);
  };
}

/** Starts a backend on a free loopback port that answers with its version. */
export async function startBackend(version: string): Promise<TestBackend> {
  let custom: BackendHandler | undefined;
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    const chunks: Buffer[] = [];
    if (custom !== undefined) {
      custom(req, res, Buffer.alloc(0));
      return;
    }
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => defaultAnswer(version)(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    version,
    url: `http://127.0.0.1:${port}`,
    seen,
    handle: (handler) => {
      custom = handler;
    },
    kill: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

export interface TestResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

export interface SendOptions {
  method?: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string;
  agent?: http.Agent;
}

/** Sends one request and reads the whole answer; rejects on a connection error. */
export function send(baseUrl: string, path: string, options: SendOptions = {}): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(path, baseUrl),
      { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: options.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            reusedSocket: request.reusedSocket,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A promise with its resolve exposed, to order events across sockets without timers. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
