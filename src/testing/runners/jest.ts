import path from 'node:path';
import { CaraError } from '../../core/errors.js';
import { outputTail, runProcess } from './child-process.js';
import { jsonReportRun } from './json-report.js';
import { anyFileExists, readPackageJson, requireBinary, usesTool } from './project.js';
import type { RunnerAdapter } from './types.js';

const CONFIG_FILES = ['js', 'mjs', 'cjs', 'ts', 'json'].map((ext) => `jest.config.${ext}`);

/** Jest through `jest --listTests --json` and `jest --json --outputFile`. */
export function createJestRunner(): RunnerAdapter {
  return {
    name: 'jest',
    async detect(root) {
      return usesTool(await readPackageJson(root), 'jest', /\bjest\b/) || anyFileExists(root, CONFIG_FILES);
    },
    discover: discoverJest,
    run: jsonReportRun('jest', discoverJest, (out, files) => [
      '--json',
      `--outputFile=${out}`,
      '--runTestsByPath',
      ...files,
    ]),
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
