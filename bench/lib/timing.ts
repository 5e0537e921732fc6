import { performance } from 'node:perf_hooks';
import { checkInterrupt } from './cleanup.js';

/** Runs `fn` once and returns its result with the wall time it took. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

export interface BestOf<T> {
  /** Every run's time, in run order. */
  runsMs: number[];
  bestMs: number;
  /** The result of the fastest run. */
  result: T;
}

/**
 * Runs `fn` `runs` times in a row and keeps the fastest: noise (GC, other processes, cold caches)
 * only ever adds time, so the minimum is the most repeatable estimate of what the code costs.
 */
export async function bestOf<T>(
  runs: number,
  fn: (run: number) => Promise<T> | T,
  onRun?: (run: number, ms: number) => void,
): Promise<BestOf<T>> {
  if (runs < 1) throw new RangeError(`bestOf needs at least one run, got ${runs}`);
  const runsMs: number[] = [];
  let best: { ms: number; result: T } | undefined;
  for (let run = 1; run <= runs; run++) {
    const { result, ms } = await timed(() => fn(run));
    runsMs.push(ms);
    onRun?.(run, ms);
    if (!best || ms < best.ms) best = { ms, result };
  }
  if (!best) throw new Error('unreachable: no run recorded');
  return { runsMs, bestMs: best.ms, result: best.result };
}

/**
 * Like `bestOf` for several tasks at once, run in rounds (a, b, c, a, b, c, ...): tasks whose times
 * are compared then see the same machine load, which matters on a shared or throttled machine.
 */
export async function bestOfInterleaved<T extends Record<string, () => unknown>>(
  runs: number,
  tasks: T,
  onRun?: (run: number, task: keyof T & string, ms: number) => void,
  signal?: AbortSignal,
): Promise<{ [K in keyof T]: BestOf<Awaited<ReturnType<T[K]>>> }> {
  if (runs < 1) throw new RangeError(`bestOfInterleaved needs at least one run, got ${runs}`);
  const best: Record<string, BestOf<unknown>> = {};
  for (let run = 1; run <= runs; run++) {
    for (const [name, fn] of Object.entries(tasks)) {
      await checkInterrupt(signal);
      const { result, ms } = await timed(fn);
      const entry = best[name];
      if (!entry) best[name] = { runsMs: [ms], bestMs: ms, result };
      else {
        entry.runsMs.push(ms);
        if (ms < entry.bestMs) Object.assign(entry, { bestMs: ms, result });
      }
      onRun?.(run, name, ms);
    }
  }
  return best as { [K in keyof T]: BestOf<Awaited<ReturnType<T[K]>>> };
}

export interface LatencySummary {
  count: number;
  minMs: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Nearest-rank percentile (0 < p <= 100) of ascending `sorted` samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** Min, median, p99, max and mean of latency samples in milliseconds. */
export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, ms) => sum + ms, 0);
  return {
    count: sorted.length,
    minMs: sorted[0] ?? Number.NaN,
    medianMs: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    meanMs: sorted.length === 0 ? Number.NaN : total / sorted.length,
  };
}

/**
 * Times each of `count` calls separately, after `warmup` untimed calls that let the JIT settle.
 * `signal` is checked between calls (every 50), outside the timed region.
 */
export async function sampleLatency(
  count: number,
  warmup: number,
  fn: (i: number) => Promise<unknown>,
  signal?: AbortSignal,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 50 === 0) await checkInterrupt(signal);
    const start = performance.now();
    await fn(warmup + i);
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Items per second for `count` items done in `ms`. */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : Number.POSITIVE_INFINITY;
}
