import path from 'node:path';
import { CaraError } from '../../core/errors.js';
import type { TestRunResult } from '../results/index.js';
import { runWithWatchdog } from './batch.js';
import { outputTail, runProcess } from './child-process.js';
import { runJsonReportBatch } from './json-report.js';
import {
  anyFileExists,
  readPackageJson,
  readReport,
  requireBinary,
  usesTool,
  withTempDir,
} from './project.js';
import { DEFAULT_FILE_TIMEOUT_MS, type RunnerAdapter, type RunOptions } from './types.js';

const CONFIG_FILES = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'].flatMap((ext) => [
  `vitest.config.${ext}`,
  `vitest.workspace.${ext}`,
]);

/** Vitest through `vitest list --json` and `vitest run --reporter=json`. */
export function createVitestRunner(): RunnerAdapter {
  return {
    name: 'vitest',
    async detect(root) {
      return (
        usesTool(await readPackageJson(root), 'vitest', /\bvitest\b/) || anyFileExists(root, CONFIG_FILES)
      );
    },
    discover: discoverVitest,
    async run(options) {
      const binary = await requireBinary(options.root, 'vitest');
      const files = options.files ?? (await discoverVitest(options.root));
      if (files.length === 0) return { runner: 'vitest', durationMs: 0, tests: [], files: [] };
      const timeoutMs = options.timeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
      return runWithWatchdog(
        'vitest',
        files,
        timeoutMs,
        (batch, limitMs) => runBatch(binary, batch, limitMs, options),
        options.signal,
      );
    },
  };
}

async function discoverVitest(root: string): Promise<string[]> {
  const binary = await requireBinary(root, 'vitest');
  return withTempDir(async (dir) => {
    const out = path.join(dir, 'list.json');
    const result = await runProcess(binary, ['list', '--filesOnly', `--json=${out}`], { cwd: root });
    const report = await readReport(out);
    if (report === undefined) {
      throw new CaraError('RUNNER_FAILED', `vitest list failed in ${root} (exit code ${result.exitCode})`, {
        hint: `Its output ended with:\n${outputTail(result.output)}`,
      });
    }
    const entries: unknown = JSON.parse(report);
    const files = Array.isArray(entries)
      ? entries.flatMap((entry: { file?: unknown }) => (typeof entry?.file === 'string' ? [entry.file] : []))
      : [];
    return [...new Set(files.map((file) => toPosixRelative(root, file)))].sort();
  });
}

function runBatch(
  binary: string,
  files: readonly string[],
  limitMs: number,
  options: RunOptions,
): Promise<TestRunResult | 'timeout'> {
  return runJsonReportBatch(
    'vitest',
    binary,
    (out) => [
      'run',
      '--reporter=json',
      `--outputFile=${out}`,
      // Absolute paths, so a filter matches exactly that file and not every path containing it.
      ...files.map((file) => path.resolve(options.root, file)),
    ],
    limitMs,
    options,
  );
}

function toPosixRelative(root: string, file: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}
