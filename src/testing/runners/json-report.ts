import path from 'node:path';
import { CaraError } from '../../core/errors.js';
import { parseJestJson, type TestRunResult } from '../results/index.js';
import { runWithWatchdog } from './batch.js';
import { batchProcessOptions, outputTail, runProcess } from './child-process.js';
import { readReport, requireBinary, withTempDir } from './project.js';
import { DEFAULT_FILE_TIMEOUT_MS, type RunOptions } from './types.js';

/**
 * The `run` of a runner that writes a Jest-style JSON report: the given files (or all it
 * discovers), in batches under a watchdog that kills and isolates a hanging file.
 */
export function jsonReportRun(
  runner: 'jest' | 'vitest',
  discover: (root: string) => Promise<string[]>,
  argsFor: (reportFile: string, files: readonly string[], options: RunOptions) => string[],
): (options: RunOptions) => Promise<TestRunResult> {
  return async (options) => {
    const binary = await requireBinary(options.root, runner);
    const files = options.files ?? (await discover(options.root));
    if (files.length === 0) return { runner, durationMs: 0, tests: [], files: [] };
    return runWithWatchdog(
      runner,
      files,
      options.timeoutMs ?? DEFAULT_FILE_TIMEOUT_MS,
      (batch, limitMs) =>
        runJsonReportBatch(runner, binary, (out) => argsFor(out, batch, options), limitMs, options),
      options.signal,
    );
  };
}

/**
 * Runs one batch of test files with a runner that writes a Jest-style JSON report (jest, vitest)
 * to a temp file, and parses it; `'timeout'` when the batch ran past `limitMs` and was killed.
 */
export function runJsonReportBatch(
  runner: 'jest' | 'vitest',
  binary: string,
  argsFor: (reportFile: string) => string[],
  limitMs: number,
  options: RunOptions,
): Promise<TestRunResult | 'timeout'> {
  return withTempDir(async (dir) => {
    const out = path.join(dir, 'report.json');
    const result = await runProcess(binary, argsFor(out), batchProcessOptions(options, limitMs));
    options.signal?.throwIfAborted();
    if (result.timedOut) return 'timeout';
    const report = await readReport(out);
    if (report === undefined) {
      throw new CaraError(
        'RUNNER_FAILED',
        `${runner} exited with code ${result.exitCode} without writing a report`,
        {
          hint: `Its output ended with:\n${outputTail(result.output)}`,
        },
      );
    }
    return parseJestJson(report, { source: `${runner} JSON report`, root: options.root, runner });
  });
}
