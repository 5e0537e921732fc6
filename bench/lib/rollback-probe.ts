/**
 * The client side of the rollback benchmark: an open-loop request loop against the service's proxy
 * that stamps every response with the version that served it (the proxy's `x-cara-version` header),
 * so exposure and errors can be read from what a client actually saw.
 */

/** One request as the client saw it. Times are ms since the epoch (comparable with the store's). */
export interface ProbeSample {
  sentAt: number;
  doneAt: number;
  /** HTTP status, or 0 for a connection error or timeout. */
  status: number;
  /** The `x-cara-version` header: which version served it (absent on connection errors). */
  version: string | undefined;
}

export interface ProbeLoop {
  readonly rps: number;
  readonly samples: readonly ProbeSample[];
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<void>;
}

const QUESTION = JSON.stringify({ question: 'When was the Record of Decision signed?' });

/** Every other request reads projects, the others ask a question: both pass the fault middleware. */
function request(n: number): { path: string; init: RequestInit } {
  if (n % 2 === 0) return { path: '/projects', init: { method: 'GET' } };
  return {
    path: '/ask',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUESTION },
  };
}

async function send(base: string, n: number, timeoutMs: number): Promise<ProbeSample> {
  const sentAt = Date.now();
  const { path, init } = request(n);
  try {
    const response = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return {
      sentAt,
      doneAt: Date.now(),
      status: response.status,
      version: response.headers.get('x-cara-version') ?? undefined,
    };
  } catch {
    return { sentAt, doneAt: Date.now(), status: 0, version: undefined };
  }
}

/**
 * Sends `rps` requests a second to `url` until stopped (request n leaves at start + n/rps whatever
 * earlier ones did), bounded by `maxSeconds` so a forgotten loop still ends.
 */
export function startProbe(url: string, rps: number, maxSeconds: number, timeoutMs = 10_000): ProbeLoop {
  const samples: ProbeSample[] = [];
  const inFlight = new Set<Promise<void>>();
  const base = url.replace(/\/+$/, '');
  const started = performance.now();
  const limit = Math.floor(rps * maxSeconds);
  let stopped = false;
  let n = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    timer = undefined;
    if (stopped) return;
    while (n < limit && performance.now() - started >= (n * 1000) / rps) {
      const p = send(base, n++, timeoutMs).then((sample) => {
        samples.push(sample);
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    if (n >= limit) return;
    timer = setTimeout(tick, Math.max(1, started + (n * 1000) / rps - performance.now()));
  };
  tick();
  return {
    rps,
    samples,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([...inFlight]);
    },
  };
}

/** A failed request as a client counts it: a connection error or a non-2xx status. */
export const failed = (s: ProbeSample): boolean => s.status < 200 || s.status >= 300;

export interface ClientView {
  /** Responses served by the new version. */
  newVersionResponses: number;
  /** First and last response from the new version (ms since the epoch), if any. */
  firstNewAt?: number;
  lastNewAt?: number;
  /** Seconds from the first to the last response served by the new version. */
  exposureSeconds?: number;
  /** The window counted below: the server's [firstTraffic, restored] widened to the client's view. */
  windowStart?: number;
  windowEnd?: number;
  /** Requests in flight at some point of the window. */
  requests: number;
  /** Connection errors and non-2xx responses among them. */
  errors: number;
  /** Of those, answered by the new version. */
  errorsFromNewVersion: number;
  /** Of those, connection errors (no response at all). */
  connectionErrors: number;
  /** Failed requests of the trial outside the window (e.g. while the new version drained). */
  errorsOutsideWindow: number;
  /** Failed requests of the window by version served and status ("0" for connection errors). */
  failures: Record<string, number>;
}

/**
 * What the client saw of one deployment: its samples between `from` and `to` (the trial), the
 * new version's responses, and the failures within the exposure window.
 */
export function clientView(
  samples: readonly ProbeSample[],
  newVersion: string,
  trial: { from: number; to: number },
  server: { firstTrafficAt?: number; restoredAt?: number },
): ClientView {
  const mine = samples.filter((s) => s.sentAt >= trial.from && s.sentAt <= trial.to);
  const served = mine.filter((s) => s.version === newVersion);
  const firstNewAt = served.length > 0 ? Math.min(...served.map((s) => s.doneAt)) : undefined;
  const lastNewAt = served.length > 0 ? Math.max(...served.map((s) => s.doneAt)) : undefined;
  const starts = [
    server.firstTrafficAt,
    served.length > 0 ? Math.min(...served.map((s) => s.sentAt)) : undefined,
  ];
  const ends = [server.restoredAt, lastNewAt];
  const defined = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);
  const windowStart = defined(starts).length > 0 ? Math.min(...defined(starts)) : undefined;
  const windowEnd = defined(ends).length > 0 ? Math.max(...defined(ends)) : undefined;
  const inWindow = (s: ProbeSample) =>
    windowStart !== undefined && windowEnd !== undefined && s.sentAt <= windowEnd && s.doneAt >= windowStart;
  const window = mine.filter(inWindow);
  const errors = window.filter(failed);
  return {
    newVersionResponses: served.length,
    ...(firstNewAt !== undefined ? { firstNewAt } : {}),
    ...(lastNewAt !== undefined ? { lastNewAt } : {}),
    ...(firstNewAt !== undefined && lastNewAt !== undefined
      ? { exposureSeconds: (lastNewAt - firstNewAt) / 1000 }
      : {}),
    ...(windowStart !== undefined ? { windowStart } : {}),
    ...(windowEnd !== undefined ? { windowEnd } : {}),
    requests: window.length,
    errors: errors.length,
    errorsFromNewVersion: errors.filter((s) => s.version === newVersion).length,
    connectionErrors: errors.filter((s) => s.status === 0).length,
    errorsOutsideWindow: mine.filter((s) => !inWindow(s) && failed(s)).length,
    failures: countBy(
      errors,
      (s) => `${s.version === newVersion ? 'new' : (s.version ?? 'none')} ${s.status}`,
    ),
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
