import type { TestCaseResult, TestRunResult } from '../results/index.js';

const failing = (t: TestCaseResult) => t.outcome === 'failed' || t.outcome === 'errored';

/**
 * Reruns the files of failing tests up to `retries` times and folds the attempts in: a test that
 * passes on a retry ends `passed` with `flakyPassed`; one that fails every time stays failed with
 * its attempts counted, which is what tells flaky from broken.
 */
export async function retryFailures(
  first: TestRunResult,
  retries: number,
  rerun: (files: string[]) => Promise<TestRunResult>,
): Promise<TestRunResult> {
  const tests = new Map(first.tests.map((t) => [t.id, { ...t }]));
  let durationMs = first.durationMs;
  for (let attempt = 0; attempt < retries; attempt++) {
    const files = [...new Set([...tests.values()].filter(failing).flatMap((t) => (t.file ? [t.file] : [])))];
    if (files.length === 0) break;
    const again = await rerun(files);
    durationMs += again.durationMs;
    for (const retried of again.tests) {
      const previous = tests.get(retried.id);
      if (!previous || !failing(previous)) continue;
      const passed = retried.outcome === 'passed';
      tests.set(retried.id, {
        ...previous,
        outcome: passed ? 'passed' : previous.outcome,
        attempts: previous.attempts + retried.attempts,
        flakyPassed: passed,
        durationMs: previous.durationMs + retried.durationMs,
      });
    }
  }
  return { ...first, durationMs, tests: [...tests.values()] };
}
