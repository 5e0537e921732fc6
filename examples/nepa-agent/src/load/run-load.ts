/**
 * The open-loop load generator: request n is sent at start + n/rps whatever happened to earlier
 * ones, so a slow service builds up in-flight requests instead of quietly lowering the rate.
 */
import { seededRandom } from '../faults/index.js';
import { buildRequest, DEFAULT_MIX, type Mix, pickKind } from './requests.js';
import { type LoadSummary, type Sample, summarise } from './stats.js';

export interface RunLoadOptions {
  url: string;
  rps: number;
  durationS: number;
  seed?: number;
  mix?: Mix;
  /** Per-request timeout; 10 s by default. */
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function send(
  fetchImpl: typeof fetch,
  base: string,
  request: ReturnType<typeof buildRequest>,
  timeoutMs: number,
): Promise<Sample> {
  const started = performance.now();
  try {
    const response = await fetchImpl(`${base}${request.path}`, {
      ...request.init,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return { kind: request.kind, status: String(response.status), latencyMs: performance.now() - started };
  } catch {
    return { kind: request.kind, status: 'network-error', latencyMs: performance.now() - started };
  }
}

/**
 * Runs a steady, seeded mix of requests against a running service and summarises the result.
 * The same seed and options produce the same sequence of requests.
 */
export async function runLoad(options: RunLoadOptions): Promise<LoadSummary> {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  const mix = options.mix ?? DEFAULT_MIX;
  const base = options.url.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? fetch;
  const total = Math.max(0, Math.floor(options.rps * options.durationS));
  const started = performance.now();
  const pending: Promise<Sample>[] = [];
  for (let n = 0; n < total && options.signal?.aborted !== true; n++) {
    await sleep(started + (n * 1000) / options.rps - performance.now());
    const request = buildRequest(pickKind(mix, random), n, seed, random);
    pending.push(send(fetchImpl, base, request, options.timeoutMs ?? 10_000));
  }
  const samples = await Promise.all(pending);
  const run = { url: base, targetRps: options.rps, durationS: options.durationS, seed };
  return summarise(run, samples, performance.now() - started);
}
