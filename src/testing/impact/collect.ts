import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CaraError, messageOf } from '../../core/index.js';
import {
  CAPTURE_FOLDER,
  CAPTURE_PRELOAD,
  parseTransformedSource,
  type TransformedSource,
} from './transformed.js';
import type { CoverageLines, LineRanges } from './types.js';
import { v8CoverageDetail } from './v8-lines.js';

/** How to run one test file under `NODE_V8_COVERAGE`. */
export interface CollectCoverageOptions {
  /** The repository folder: the command's working directory and the root of reported paths. */
  root: string;
  /** The command and its arguments, e.g. `[process.execPath, '--test', 'test/a.test.js']`. */
  command?: string[];
  /**
   * Instead of `command`: runs the test file itself (e.g. through a runner adapter) with these
   * variables added to its environment, and resolves to its exit code.
   */
  execute?: (added: Record<string, string>) => Promise<number | null>;
  /** Variables added to the child's environment. */
  env?: Record<string, string>;
  /** The environment the child starts from; defaults to this process's. */
  baseEnv?: NodeJS.ProcessEnv;
  /** Kill the command after this long (default 5 minutes). */
  timeoutMs?: number;
  /**
   * Preload `CAPTURE_PRELOAD` into every Node process of the run (default true): it records the code
   * vitest compiles so its coverage maps to source lines, and makes SIGTERM-stopped workers (vitest's
   * forks) write their coverage instead of losing it.
   */
  captureTransformed?: boolean;
}

/** What one coverage run found, and how the command ended. */
export interface CollectedCoverage extends CoverageLines {
  exitCode: number | null;
}

/** Runs one test file under `NODE_V8_COVERAGE=<tmpdir>` and returns the lines it executed. */
export async function collectCoverage(options: CollectCoverageOptions): Promise<LineRanges> {
  return (await collectCoverageDetail(options)).lines;
}

/**
 * Like {@link collectCoverage}, with the file-level evidence and the exit code. A failing test still
 * yields coverage: what it executed before failing is what it depends on.
 */
export async function collectCoverageDetail(options: CollectCoverageOptions): Promise<CollectedCoverage> {
  const [program, ...args] = options.command ?? [];
  if (program === undefined && options.execute === undefined) {
    throw new CaraError('USAGE', 'The coverage command is empty.');
  }
  const tmp = await mkdtemp(join(tmpdir(), 'cara-v8-'));
  const dir = join(tmp, 'coverage');
  try {
    const env: NodeJS.ProcessEnv = {
      ...(options.baseEnv ?? process.env),
      ...options.env,
      NODE_V8_COVERAGE: dir,
    };
    if (options.captureTransformed !== false) {
      const preload = join(tmp, 'capture.mjs');
      await writeFile(preload, CAPTURE_PRELOAD);
      // A file URL has no spaces, so it needs no quoting inside NODE_OPTIONS.
      env.NODE_OPTIONS = [env.NODE_OPTIONS, `--import=${pathToFileURL(preload).href}`]
        .filter((part) => part !== undefined && part !== '')
        .join(' ');
    }
    const added: Record<string, string> = { NODE_V8_COVERAGE: dir };
    if (env.NODE_OPTIONS !== undefined) added.NODE_OPTIONS = env.NODE_OPTIONS;
    const exitCode =
      options.execute !== undefined
        ? await options.execute(added)
        : await run(program as string, args, { cwd: options.root, env }, options.timeoutMs ?? 300_000);
    const documents: unknown[] = [];
    for (const name of (await listFiles(dir)).filter((entry) => entry.endsWith('.json')).sort()) {
      const text = await readFile(join(dir, name), 'utf8');
      try {
        documents.push(JSON.parse(text));
      } catch (error) {
        throw new CaraError('DATA_INVALID', `V8 coverage file ${name} is not valid JSON.`, { cause: error });
      }
    }
    const detail = v8CoverageDetail(documents, {
      root: options.root,
      readSource: sourceReader(options.root),
      transformed: await readTransformed(join(dir, CAPTURE_FOLDER)),
    });
    return { ...detail, exitCode };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The file names in `dir`, or none when the run never created it (a command that wrote no coverage). */
async function listFiles(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** What the capture preload recorded; a file it left half-written (a killed process) is skipped. */
async function readTransformed(dir: string): Promise<TransformedSource[]> {
  const out: TransformedSource[] = [];
  for (const name of (await listFiles(dir)).filter((entry) => entry.endsWith('.json')).sort()) {
    try {
      const source = parseTransformedSource(JSON.parse(await readFile(join(dir, name), 'utf8')));
      if (source !== undefined) out.push(source);
    } catch {
      // Best effort, like the capture: the script then counts at file level.
    }
  }
  return out;
}

function sourceReader(root: string): (file: string) => string | undefined {
  return (file) => {
    try {
      return readFileSync(join(root, file), 'utf8');
    } catch {
      return undefined;
    }
  };
}

function run(
  program: string,
  args: string[],
  spawnOptions: { cwd: string; env: NodeJS.ProcessEnv },
  timeoutMs: number,
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...spawnOptions, stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new CaraError(
          'INTERNAL',
          `Coverage command ${program} ${args.join(' ')} timed out after ${timeoutMs} ms.`,
        ),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new CaraError('EXTERNAL_TOOL_MISSING', `Could not start ${program}: ${messageOf(error)}`, {
          hint: 'Check that the test command is installed and on PATH.',
          cause: error,
        }),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
