import { describe, expect, it } from 'vitest';
import type { TestCaseResult, TestRunResult } from '../results/index.js';
import { retryFailures } from './retry.js';

const test = (id: string, file: string, outcome: TestCaseResult['outcome']): TestCaseResult => ({
  id,
  file,
  suite: [],
  name: id,
  outcome,
  durationMs: 10,
  attempts: 1,
  flakyPassed: false,
});
const run = (tests: TestCaseResult[]): TestRunResult => ({
  runner: 'vitest',
  durationMs: 100,
  tests,
  files: [],
});

describe('retryFailures', () => {
  it('marks a pass on retry flaky, keeps a test that fails every time failed, and reruns only failing files', async () => {
    const asked: string[][] = [];
    const result = await retryFailures(
      run([
        test('a', 'a.test.ts', 'failed'),
        test('b', 'b.test.ts', 'failed'),
        test('c', 'c.test.ts', 'passed'),
      ]),
      2,
      async (files) => {
        asked.push(files);
        return run(
          [test('a', 'a.test.ts', 'passed'), test('b', 'b.test.ts', 'failed')].filter((t) =>
            files.includes(t.file ?? ''),
          ),
        );
      },
    );
    expect(asked).toEqual([['a.test.ts', 'b.test.ts'], ['b.test.ts']]);
    const byId = new Map(result.tests.map((t) => [t.id, t]));
    expect(byId.get('a')).toMatchObject({ outcome: 'passed', flakyPassed: true, attempts: 2 });
    expect(byId.get('b')).toMatchObject({ outcome: 'failed', flakyPassed: false, attempts: 3 });
    expect(byId.get('c')).toMatchObject({ outcome: 'passed', attempts: 1 });
    expect(result.durationMs).toBe(300);
  });

  it('does nothing without failures or retries', async () => {
    const base = run([test('a', 'a.test.ts', 'failed')]);
    const result = await retryFailures(base, 0, async () => {
      throw new Error('must not rerun');
    });
    expect(result.tests[0]?.outcome).toBe('failed');
  });
});
