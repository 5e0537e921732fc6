import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runTestFiles } from './selection-mutants.js';

/** How one test file ended in a run of several. */
export interface FileOutcome {
  file: string;
  passed: boolean;
  /** Time the runner reports for the file's tests (node:test: the wall time of the file's process). */
  ms: number;
}

/** A run of several test files: every file's outcome, or `timedOut` when the whole run was killed. */
export interface GroupRun {
  outcomes: FileOutcome[];
  timedOut: boolean;
  wallMs: number;
}

/** What the benchmark needs from a test runner, on a working copy. */
export interface BenchRunner {
  name: 'vitest' | 'jest' | 'node-test';
  /** The peer's static selection, in words, for the table. */
  peerLabel: string;
  /** The command behind `related`, for the printed notes and the JSON. */
  peerCommand: string;
  /** Every test file the runner finds, repo-relative posix paths. */
  listTests(root: string, signal: AbortSignal): Promise<string[]>;
  /** Runs `files` in one invocation, `workers` files at a time, and reports each file. */
  runFiles(
    root: string,
    files: readonly string[],
    timeoutMs: number,
    signal: AbortSignal,
    workers: number,
  ): Promise<GroupRun>;
  /** The command that runs one file alone, for `collectCoverage`. */
  coverageCommand(root: string, file: string): string[];
  /**
   * The test files the runner itself selects for a change to `file` (already written to the working
   * copy, uncommitted); undefined when the runner has no such mode and the peer must be emulated.
   */
  related?(root: string, file: string, signal: AbortSignal): Promise<string[]>;
}

/** Environment for every run: plain output, and this project's e2e build step off (the e2e tests are not run). */
export const RUN_ENV: Record<string, string> = { CARA_TEST_NO_BUILD: '1', FORCE_COLOR: '0', NO_COLOR: '1' };

/** The runner a repository uses: vitest, then jest (package.json or config), else node:test. */
export function detectBenchRunner(root: string): BenchRunner {
  const text = existsSync(join(root, 'package.json'))
    ? readFileSync(join(root, 'package.json'), 'utf8')
    : '{}';
  const pkg = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const script = pkg.scripts?.test ?? '';
  const has = (tool: string, config: string) =>
    tool in deps ||
    new RegExp(`\\b${tool}\\b`).test(script) ||
    ['ts', 'mts', 'js', 'mjs', 'cjs'].some((ext) => existsSync(join(root, `${config}.${ext}`)));
  if (has('vitest', 'vitest.config')) return vitestRunner();
  if (has('jest', 'jest.config')) return jestRunner();
  return nodeTestRunner();
}

function vitestRunner(): BenchRunner {
  const bin = (root: string) => join(root, 'node_modules', '.bin', 'vitest');
  return {
    name: 'vitest',
    peerLabel: '(c) vitest related (real: vitest list --changed)',
    peerCommand:
      'vitest list --filesOnly --changed --json (the related-files rule of `vitest related FILE --run`)',
    async listTests(root, signal) {
      return withOutput(async (out) => {
        const run = await spawnGroup(
          bin(root),
          ['list', '--filesOnly', `--json=${out}`],
          root,
          120_000,
          signal,
        );
        const entries = readJson(out, `vitest list failed (exit ${run.code})`) as { file?: unknown }[];
        return posixFiles(
          root,
          entries.flatMap((entry) => (typeof entry.file === 'string' ? [entry.file] : [])),
        );
      });
    },
    async runFiles(root, files, timeoutMs, signal, workers) {
      return withOutput(async (out) => {
        const args = [
          'run',
          '--reporter=json',
          `--outputFile=${out}`,
          `--maxWorkers=${workers}`,
          ...files.map((file) => resolve(root, file)),
        ];
        const run = await spawnGroup(bin(root), args, root, timeoutMs, signal);
        if (run.timedOut) return { outcomes: [], timedOut: true, wallMs: run.ms };
        return { outcomes: reportOutcomes(root, files, out), timedOut: false, wallMs: run.ms };
      });
    },
    coverageCommand: (root, file) => [bin(root), 'run', file],
    async related(root, _file, signal) {
      // `vitest related FILE` sets the config's `related` list to FILE; `--changed` sets it to git's
      // uncommitted files, which on the working copy is exactly the mutated file. `list` applies the
      // same filter without running anything.
      return withOutput(async (out) => {
        const args = ['list', '--filesOnly', '--changed', `--json=${out}`];
        const run = await spawnGroup(bin(root), args, root, 120_000, signal);
        const entries = readJson(out, `vitest list --changed failed (exit ${run.code})`) as {
          file?: unknown;
        }[];
        return posixFiles(
          root,
          entries.flatMap((entry) => (typeof entry.file === 'string' ? [entry.file] : [])),
        );
      });
    },
  };
}

/**
 * Runs the real `vitest related FILE --run` with a name filter no test matches: the files it would run
 * still appear in its JSON report. Slower than `related` (it imports every selected file), so it only
 * checks that `related` picks the same files.
 */
export async function vitestRelatedRun(root: string, file: string, signal: AbortSignal): Promise<string[]> {
  return withOutput(async (out) => {
    const args = [
      'related',
      file,
      '--run',
      '--reporter=json',
      `--outputFile=${out}`,
      '--testNamePattern=^cara-bench-matches-no-test$',
    ];
    const run = await spawnGroup(join(root, 'node_modules', '.bin', 'vitest'), args, root, 300_000, signal);
    const report = readJson(out, `vitest related failed (exit ${run.code})`) as {
      testResults?: { name?: unknown }[];
    };
    return posixFiles(
      root,
      (report.testResults ?? []).flatMap((entry) => (typeof entry.name === 'string' ? [entry.name] : [])),
    );
  });
}

function jestRunner(): BenchRunner {
  const bin = (root: string) => join(root, 'node_modules', '.bin', 'jest');
  const listed = async (root: string, args: string[], signal: AbortSignal) => {
    const run = await spawnGroup(bin(root), [...args, '--listTests', '--json'], root, 120_000, signal);
    const start = run.stdout.indexOf('[');
    if (start < 0) throw new Error(`jest --listTests failed (exit ${run.code}): ${run.stderr.slice(-500)}`);
    return posixFiles(root, JSON.parse(run.stdout.slice(start)) as string[]);
  };
  return {
    name: 'jest',
    peerLabel: '(c) jest --findRelatedTests (real)',
    peerCommand: 'jest --findRelatedTests FILE --listTests --json',
    listTests: (root, signal) => listed(root, [], signal),
    async runFiles(root, files, timeoutMs, signal, workers) {
      return withOutput(async (out) => {
        const args = [
          '--json',
          `--outputFile=${out}`,
          `--maxWorkers=${workers}`,
          '--runTestsByPath',
          ...files,
        ];
        const run = await spawnGroup(bin(root), args, root, timeoutMs, signal);
        if (run.timedOut) return { outcomes: [], timedOut: true, wallMs: run.ms };
        return { outcomes: reportOutcomes(root, files, out), timedOut: false, wallMs: run.ms };
      });
    },
    coverageCommand: (root, file) => [bin(root), '--runTestsByPath', file],
    related: (root, file, signal) => listed(root, ['--findRelatedTests', file], signal),
  };
}

function nodeTestRunner(): BenchRunner {
  return {
    name: 'node-test',
    peerLabel: '(c) static import closure (emulated: what vitest related / jest --findRelatedTests select)',
    peerCommand: 'none: node:test has no related-tests mode; the import closure on our graph stands in',
    async listTests(root) {
      const { readdirSync } = await import('node:fs');
      const out: string[] = [];
      const walk = (dir: string) => {
        for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
          const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
          if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path);
          else if (entry.isFile() && /\.test\.[cm]?js$/.test(entry.name)) out.push(path);
        }
      };
      walk('');
      return out.sort();
    },
    async runFiles(root, files, timeoutMs, _signal, workers) {
      const started = performance.now();
      const results = await runTestFiles(root, files, workers, timeoutMs);
      return {
        outcomes: results.map((result) => ({ file: result.file, passed: result.passed, ms: result.ms })),
        timedOut: false,
        wallMs: performance.now() - started,
      };
    },
    coverageCommand: (_root, file) => [process.execPath, '--test', file],
  };
}

/** Per-file outcomes from a vitest or jest JSON report; a file missing from it (the run crashed) failed. */
function reportOutcomes(root: string, files: readonly string[], out: string): FileOutcome[] {
  let results: { name?: unknown; status?: unknown; startTime?: unknown; endTime?: unknown }[] = [];
  try {
    const report = JSON.parse(readFileSync(out, 'utf8')) as { testResults?: typeof results };
    results = report.testResults ?? [];
  } catch {
    results = [];
  }
  const byFile = new Map<string, FileOutcome>();
  for (const entry of results) {
    if (typeof entry.name !== 'string') continue;
    const [file] = posixFiles(root, [entry.name]);
    if (file === undefined) continue;
    const ms =
      typeof entry.startTime === 'number' && typeof entry.endTime === 'number'
        ? Math.max(0, entry.endTime - entry.startTime)
        : 0;
    byFile.set(file, { file, passed: entry.status === 'passed', ms });
  }
  return files.map((file) => byFile.get(file) ?? { file, passed: false, ms: 0 });
}

function posixFiles(root: string, files: readonly string[]): string[] {
  return [...new Set(files.map((file) => relative(root, resolve(root, file)).split(sep).join('/')))].sort();
}

function readJson(path: string, failure: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${failure}: no JSON in ${path}`, { cause: error });
  }
}

async function withOutput<T>(fn: (out: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'cara-bench-out-'));
  try {
    return await fn(join(dir, 'out.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface GroupResult {
  code: number | null;
  timedOut: boolean;
  ms: number;
  stdout: string;
  stderr: string;
}

/**
 * Spawns `program` in its own process group with `RUN_ENV`; after `timeoutMs`, or when `signal`
 * aborts, the whole group (the runner and its workers) is killed.
 */
export function spawnGroup(
  program: string,
  args: readonly string[],
  cwd: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<GroupResult> {
  signal.throwIfAborted();
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(program, args, {
      cwd,
      env: { ...process.env, ...RUN_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    let timedOut = false;
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    signal.addEventListener('abort', kill, { once: true });
    child.once('error', (error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', kill);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', kill);
      if (signal.aborted) reject(signal.reason);
      else resolvePromise({ code, timedOut, ms: performance.now() - started, stdout, stderr });
    });
  });
}
