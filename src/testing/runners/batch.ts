import type { TestCaseResult, TestRunResult } from '../results/index.js';

/** Runs some test files with a time limit for the whole process; `timeout` when it was killed. */
export type RunBatch = (files: readonly string[], timeoutMs: number) => Promise<TestRunResult | 'timeout'>;

/**
 * Runs all files in one process, allowed `timeoutMs` per file. When that process hangs, it is killed and
 * every file is run again on its own with `timeoutMs`, so the hung file is found and reported as errored
 * while the others still report.
 */
export async function runWithWatchdog(
  runner: string,
  files: readonly string[],
  timeoutMs: number,
  runBatch: RunBatch,
  signal?: AbortSignal,
): Promise<TestRunResult> {
  const whole = await runBatch(files, timeoutMs * Math.max(1, files.length));
  if (whole !== 'timeout') return whole;
  const parts: TestRunResult[] = [];
  for (const file of files) {
    signal?.throwIfAborted();
    const result = await runBatch([file], timeoutMs);
    parts.push(result === 'timeout' ? timedOutFile(runner, file, timeoutMs) : result);
  }
  return mergeResults(runner, parts);
}

/** The result for a test file that was killed after running past its timeout. */
export function timedOutFile(runner: string, file: string, timeoutMs: number): TestRunResult {
  const test: TestCaseResult = {
    id: `${file}::::(file)`,
    file,
    suite: [],
    name: '(file)',
    outcome: 'errored',
    durationMs: timeoutMs,
    failure: {
      message: `Test file ${file} did not finish within ${timeoutMs} ms and was killed (a hanging test, open handle or infinite loop?)`,
      type: 'Timeout',
    },
    attempts: 1,
    flakyPassed: false,
  };
  return {
    runner,
    durationMs: timeoutMs,
    tests: [test],
    files: [{ file, durationMs: timeoutMs, outcome: 'errored' }],
  };
}

/** Several partial runs as one run, in the given order. */
export function mergeResults(runner: string, parts: readonly TestRunResult[]): TestRunResult {
  const startedAt = parts.find((part) => part.startedAt !== undefined)?.startedAt;
  return {
    runner,
    ...(startedAt === undefined ? {} : { startedAt }),
    durationMs: parts.reduce((sum, part) => sum + part.durationMs, 0),
    tests: parts.flatMap((part) => part.tests),
    files: parts.flatMap((part) => part.files),
  };
}
