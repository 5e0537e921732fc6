import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaraError, messageOf } from '../../core/index.js';
import type { CoverageLines, LineRanges } from './types.js';
import { v8CoverageDetail } from './v8-lines.js';

/** How to run one test file under `NODE_V8_COVERAGE`. */
export interface CollectCoverageOptions {
  /** The repository folder: the command's working directory and the root of reported paths. */
  root: string;
  /** The command and its arguments, e.g. `[process.execPath, '--test', 'test/a.test.js']`. */
  command: string[];
  /** Variables added to the child's environment. */
  env?: Record<string, string>;
  /** The environment the child starts from; defaults to this process's. */
  baseEnv?: NodeJS.ProcessEnv;
  /** Kill the command after this long (default 5 minutes). */
  timeoutMs?: number;
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
  const [program, ...args] = options.command;
  if (program === undefined) throw new CaraError('USAGE', 'The coverage command is empty.');
  const dir = await mkdtemp(join(tmpdir(), 'cara-v8-'));
  try {
    const env = { ...(options.baseEnv ?? process.env), ...options.env, NODE_V8_COVERAGE: dir };
    const exitCode = await run(program, args, { cwd: options.root, env }, options.timeoutMs ?? 300_000);
    const documents: unknown[] = [];
    for (const name of (await readdir(dir)).filter((entry) => entry.endsWith('.json')).sort()) {
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
    });
    return { ...detail, exitCode };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
