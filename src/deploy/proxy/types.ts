import type { IncomingHttpHeaders } from 'node:http';

/** One running instance of a version, reached over plain HTTP. */
export interface BackendInstance {
  /** Origin of the instance, e.g. `http://127.0.0.1:41234` (no path, query or credentials). */
  url: string;
}

/** The instances of one version and the share of new requests it receives. */
export interface BackendPool {
  /** Version label, e.g. `baseline` or a short commit; unique among the pools. */
  version: string;
  /** Integer percentage 0..100; the weights of all pools sum to 100. */
  weight: number;
  instances: readonly BackendInstance[];
}

/** Sticky routing: requests carrying the same header or cookie value keep the same version. */
export interface StickyOptions {
  /** Request header whose value is the sticky key (checked before the cookie). */
  header?: string;
  /** Cookie whose value is the sticky key. */
  cookie?: string;
  /** Most sticky keys remembered; the least recently seen are forgotten first. Default 10,000. */
  maxKeys?: number;
}

/** Active health checking: a GET of `path` on every instance each `intervalMs`. */
export interface HealthCheckOptions {
  /** Path probed on each instance, e.g. `/healthz`; a 2xx or 3xx answer means up. */
  path: string;
  /** Default 2,000 ms; 0 disables the timer (rounds then run only through `checkHealth()`). */
  intervalMs?: number;
  /** Default 1,000 ms; a probe that takes longer marks the instance down. */
  timeoutMs?: number;
}

/** Options of {@link createWeightedProxy}. */
export interface WeightedProxyOptions {
  /** Port to listen on; 0 picks a free one (read it back from `proxy.port`). */
  port: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Initial pools; without them every request gets 503 until `setBackends()`. */
  backends?: readonly BackendPool[];
  sticky?: StickyOptions;
  /** Shorthand for `healthCheck: { path }`. */
  healthPath?: string;
  healthCheck?: HealthCheckOptions;
  /**
   * Socket inactivity allowed while waiting for or streaming a backend response; on expiry the
   * client gets 504 (or, once the response has started, a closed connection). Default 30,000 ms.
   */
  backendTimeoutMs?: number;
  /**
   * How long a passively failed instance stays out of rotation before it is tried again, when no
   * active health check is configured (with one, only a passing probe brings it back). Default 10,000 ms.
   */
  downMs?: number;
  /** Raw latencies kept per version for the judge (a ring of the most recent). Default 10,000. */
  latencyWindow?: number;
  /** Clock in milliseconds; default `performance.now`. Injected so tests can control it. */
  now?: () => number;
  /**
   * Called with every proxied GET or HEAD request that has no body, before it is forwarded, so a
   * sample can be mirrored elsewhere. It must not block; whatever it throws is ignored.
   */
  mirror?: (request: MirroredRequest) => void;
}

/** A bodiless request as the proxy received it, handed to the `mirror` hook. */
export interface MirroredRequest {
  method: string;
  /** Origin-form path with query. */
  path: string;
  headers: IncomingHttpHeaders;
  remoteAddress: string | undefined;
}

/** A latency histogram with Prometheus' default buckets. */
export interface LatencyHistogram {
  /** Upper bounds in seconds, ascending, without +Inf. */
  boundsSeconds: readonly number[];
  /** Cumulative counts per bound (observations <= bound); the +Inf bucket is `count`. */
  cumulativeCounts: number[];
  sumSeconds: number;
  count: number;
}

/** What the proxy recorded for one version. */
export interface VersionMetrics {
  /** Attempts sent to this version (a retried request counts once per version it tried). */
  requests: number;
  /** Attempts that ended in a 5xx, a connection failure, a timeout or a broken response stream. */
  errors: number;
  /** Attempts still running. */
  inFlight: number;
  /** Most recent latencies (ms, request start to last response byte), oldest first. */
  latenciesMs: number[];
  histogram: LatencyHistogram;
}

/** A snapshot of everything the proxy measured, as plain data. */
export interface ProxyMetrics {
  versions: Record<string, VersionMetrics>;
  /** Requests answered 503 because no healthy backend with weight > 0 was left. */
  unrouted: number;
}

/** Health and routing state of one instance. */
export interface InstanceStatus {
  url: string;
  version: string;
  up: boolean;
  /** Why it is down, e.g. `ECONNREFUSED`, `health 503`, `marked down`. */
  reason?: string;
}

/** The current routing table, as served at `GET /__cara/weights`. */
export interface WeightsSnapshot {
  versions: { version: string; weight: number; instances: InstanceStatus[] }[];
}

/** A running weighted reverse proxy; see {@link createWeightedProxy}. */
export interface WeightedProxy {
  /** The port actually bound. */
  readonly port: number;
  /** `http://host:port` of the proxy. */
  readonly url: string;
  /** Replaces the pools atomically; in-flight requests finish on their backend. Throws on bad weights. */
  setBackends(pools: readonly BackendPool[]): void;
  /** Current weight per version. */
  weights(): Record<string, number>;
  /** Routing table with instance health. */
  status(): WeightsSnapshot;
  metrics(): ProxyMetrics;
  /** The metrics in Prometheus text exposition format 0.0.4. */
  metricsText(): string;
  /** Forgets the recorded metrics of one version, or of all of them. */
  resetMetrics(version?: string): void;
  /** Takes an instance out of rotation (e.g. before stopping it); false when the URL is unknown. */
  markDown(url: string, reason?: string): boolean;
  /** Puts an instance back in rotation; false when the URL is unknown. */
  markUp(url: string): boolean;
  /** Runs one active health-check round now; resolves when every probe has answered or timed out. */
  checkHealth(): Promise<void>;
  /** Stops accepting connections, waits for in-flight requests, then releases backend sockets. */
  close(): Promise<void>;
}
