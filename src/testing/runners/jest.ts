import path from 'node:path';
import { CaraError } from '../../core/errors.js';
import type { TestRunResult } from '../results/index.js';
import { runWithWatchdog } from './batch.js';
import { outputTail, runProcess } from './child-process.js';
import { runJsonReportBatch } from './json-report.js';
import { anyFileExists, readPackageJson, requireBinary, usesTool } from './project.js';
import { DEFAULT_FILE_TIMEOUT_MS, type RunnerAdapter, type RunOptions } from './types.js';

const CONFIG_FILES = ['js', 'mjs', 'cjs', 'ts', 'json'].map((ext) => `jest.config.${ext}`);

/** Jest through `jest --listTests --json` and `jest --json --outputFile`. */
export function createJestRunner(): RunnerAdapter {
  return {
    name: 'jest',
    async detect(root) {
      return usesTool(await readPackageJson(root), 'jest', /\bjest\b/) || anyFileExists(root, CONFIG_FILES);
    },
    discover: discoverJest,
    async run(options) {
      const binary = await requireBinary(options.root, 'jest');
      const files = options.files ?? (await discoverJest(options.root));
      if (files.length === 0) return { runner: 'jest', durationMs: 0, tests: [], files: [] };
      const timeoutMs = options.timeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
      return runWithWatchdog(
        'jest',
        files,
        timeoutMs,
        (batch, limitMs) => runBatch(binary, batch, limitMs, options),
        options.signal,
      );
    },
  };
}

async function discoverJest(root: string): Promise<string[]> {
  const binary = await requireBinary(root, 'jest');
  const result = await runProcess(binary, ['--listTests', '--json'], { cwd: root });
  const start = result.output.indexOf('[');
  let listed: unknown;
  try {
    listed = JSON.parse(result.output.slice(start, result.output.lastIndexOf(']') + 1));
  } catch (error) {
    throw new CaraError(
      'RUNNER_FAILED',
      `jest --listTests failed in ${root} (exit code ${result.exitCode})`,
      {
        hint: `Its output ended with:\n${outputTail(result.output)}`,
        cause: error,
      },
    );
  }
  const files = Array.isArray(listed) ? listed.filter((f): f is string => typeof f === 'string') : [];
  return [...new Set(files.map((file) => path.relative(root, file).split(path.sep).join('/')))].sort();
}

function runBatch(
  binary: string,
  files: readonly string[],
  limitMs: number,
  options: RunOptions,
): Promise<TestRunResult | 'timeout'> {
  return runJsonReportBatch(
    'jest',
    binary,
    (out) => ['--json', `--outputFile=${out}`, '--runTestsByPath', ...files],
    limitMs,
    options,
  );
}
