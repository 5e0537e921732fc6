import path from 'node:path';
import { CaraError } from '../../core/errors.js';
import { parseJestJson, type TestRunResult } from '../results/index.js';
import { outputTail, runProcess } from './child-process.js';
import { readReport, withTempDir } from './project.js';
import type { RunOptions } from './types.js';

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
    const result = await runProcess(binary, argsFor(out), {
      cwd: options.root,
      timeoutMs: limitMs,
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onOutput === undefined ? {} : { onOutput: options.onOutput }),
    });
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
