import { performance } from 'node:perf_hooks';
import { TemplateMiner } from '../../src/failures/templates/index.js';
import type { LabelledSystem } from './logparse-data.js';
import { type ParsingScores, scoreParsing } from './logparse-metrics.js';

/** Published Drain grouping accuracy per system on the original (uncorrected) truth, Zhu et al. 2019. */
export const DRAIN_GA: Readonly<Record<string, number>> = {
  Android: 0.911,
  BGL: 0.963,
  HPC: 0.887,
  HealthApp: 0.78,
  Mac: 0.787,
  OpenStack: 0.733,
  Spark: 0.92,
  Windows: 0.997,
};

/** Loghub-2.0 averages over 14 systems on corrected truth. */
export const PUBLISHED_AVERAGES = {
  drainGa: 0.85,
  drainPa: 0.32,
  uniParserPa: 0.62,
  logPptPa: 0.71,
} as const;

export interface SystemResult extends ParsingScores {
  system: string;
  lines: number;
}

/**
 * Parses one system's messages with one fresh miner, then labels every message with the final
 * template of its id (templates keep generalising after a line is seen), as batch parsers report.
 */
export function parseSystem(system: LabelledSystem): { result: SystemResult; predicted: string[] } {
  const miner = new TemplateMiner();
  const ids = system.contents.map((line) => miner.add(line).id);
  const predicted = ids.map((id) => miner.get(id)?.template ?? '');
  const result = {
    system: system.name,
    lines: system.contents.length,
    ...scoreParsing(system.templates, predicted),
  };
  return { result, predicted };
}

export interface ThroughputResult {
  lines: number;
  /** Wall time of each timed run. */
  runsMs: number[];
  /** CPU time (user + system) of each timed run: what one core spent, whatever else ran. */
  runsCpuMs: number[];
  medianMs: number;
  medianCpuMs: number;
  /** Lines per second of wall time (median run). */
  linesPerSecond: number;
  /** Lines per second of CPU time (median run): the one-core rate, robust to a busy machine. */
  cpuLinesPerSecond: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Lines per second of `add` over `lines` with a fresh miner per run, after `warmup` untimed runs;
 * the median of `runs` timed runs, in wall time and in CPU time.
 */
export function measureThroughput(lines: readonly string[], warmup: number, runs: number): ThroughputResult {
  const once = () => {
    const miner = new TemplateMiner();
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (const line of lines) miner.add(line);
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000 };
  };
  for (let i = 0; i < warmup; i++) once();
  const timings = Array.from({ length: runs }, once);
  const runsMs = timings.map((t) => t.ms);
  const runsCpuMs = timings.map((t) => t.cpuMs);
  const medianMs = median(runsMs);
  const medianCpuMs = median(runsCpuMs);
  return {
    lines: lines.length,
    runsMs,
    runsCpuMs,
    medianMs,
    medianCpuMs,
    linesPerSecond: (lines.length * 1000) / medianMs,
    cpuLinesPerSecond: (lines.length * 1000) / medianCpuMs,
  };
}
