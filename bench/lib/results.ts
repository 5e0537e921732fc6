import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `bench/results`, next to the benchmarks whatever the working directory. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** What the numbers were measured on; every results file carries it. */
export interface MachineInfo {
  node: string;
  platform: string;
  arch: string;
  kernel: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  /** One-minute load average when the run started: above `cores`, other work competed for the CPU. */
  loadAverage: number;
  /** The commit benchmarked (with `-dirty` when the tree had changes), when git is at hand. */
  commit?: string;
  date: string;
}

export function machineInfo(now: Date = new Date()): MachineInfo {
  const commit = gitCommit();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    kernel: release(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    ...(commit ? { commit } : {}),
    date: now.toISOString(),
  };
}

/** Writes `bench/results/<name>.json` (creating the folder) and returns its path. */
export function writeResults(name: string, payload: unknown, dir: string = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
  return file;
}

function gitCommit(): string | undefined {
  const run = (args: string[]) => spawnSync('git', args, { encoding: 'utf8', timeout: 5_000 });
  const head = run(['rev-parse', '--short', 'HEAD']);
  if (head.status !== 0) return undefined;
  const dirty = run(['status', '--porcelain', '--untracked-files=no']).stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? '-dirty' : ''}`;
}
