/**
 * Request-level fault injection: added latency (with seeded jitter) and a fraction of requests
 * answered 500, so a canary judge and anomaly detectors have something real to catch.
 */
import type { MiddlewareHandler } from 'hono';
import type { FaultConfig } from '../env.js';
import { ServiceError } from '../errors.js';
import type { Random } from './random.js';

/** Paths that are never failed on purpose: probes and the scrape endpoint. */
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface FaultMiddlewareOptions {
  faults: FaultConfig;
  random: Random;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The delay for one request: LATENCY_MS plus a uniform draw in [0, LATENCY_JITTER_MS). */
export function drawLatency(faults: FaultConfig, random: Random): number {
  return faults.latencyMs + (faults.latencyJitterMs > 0 ? random() * faults.latencyJitterMs : 0);
}

/**
 * Delays every request except `/metrics` and fails non-probe requests at ERROR_RATE.
 * The failure is thrown, so it takes the same error path (and error metric) as a real fault.
 */
export function faultMiddleware(options: FaultMiddlewareOptions): MiddlewareHandler {
  const { faults, random } = options;
  const sleep = options.sleep ?? defaultSleep;
  return async (c, next) => {
    if (c.req.path !== '/metrics') {
      const delay = drawLatency(faults, random);
      if (delay > 0) await sleep(delay);
    }
    if (faults.errorRate > 0 && !PROBE_PATHS.has(c.req.path) && random() < faults.errorRate) {
      throw new ServiceError('FAULT_INJECTED', `injected failure (ERROR_RATE=${faults.errorRate})`);
    }
    await next();
  };
}
