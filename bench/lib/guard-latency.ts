import type { Guard } from '../../src/security/guard/index.js';

/** Per-prompt latency percentiles in milliseconds. */
export interface LatencyStats {
  prompts: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Times `guard.classify` on each prompt, one at a time, after a warm-up pass so the JIT has
 * compiled the hot paths; `rounds` passes over the prompts give more samples.
 */
export function measureLatency(guard: Guard, prompts: readonly string[], rounds: number): LatencyStats {
  for (const prompt of prompts) guard.classify(prompt);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const prompt of prompts) {
      const started = performance.now();
      guard.classify(prompt);
      samples.push(performance.now() - started);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { prompts: samples.length, p50: at(0.5), p99: at(0.99), max: samples[samples.length - 1] ?? 0 };
}
