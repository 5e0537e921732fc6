import { describe, expect, it } from 'vitest';
import type { TestCaseResult, TestRunResult } from './model.js';
import { summarize } from './summary.js';

function test(
  name: string,
  outcome: TestCaseResult['outcome'],
  durationMs: number,
  flakyPassed = false,
): TestCaseResult {
  return {
    id: `a.test.ts::::${name}`,
    file: 'a.test.ts',
    suite: [],
    name,
    outcome,
    durationMs,
    attempts: 1,
    flakyPassed,
  };
}

describe('summarize', () => {
  const run: TestRunResult = {
    runner: 'vitest',
    durationMs: 900,
    tests: [
      test('a', 'passed', 0.1),
      test('b', 'passed', 0.2, true),
      test('c', 'failed', 3),
      test('d', 'skipped', 0),
      test('e', 'errored', 1),
    ],
    files: [
      { file: 'a.test.ts', durationMs: 10, outcome: 'passed' },
      { file: 'c.test.ts', durationMs: 300, outcome: 'failed' },
      { file: 'b.test.ts', durationMs: 300, outcome: 'passed' },
    ],
  };

  it('counts outcomes, sums durations and orders the slowest files', () => {
    expect(summarize(run, { slowest: 2 })).toEqual({
      total: 5,
      counts: { passed: 2, failed: 1, skipped: 1, errored: 1 },
      flakyPassed: 1,
      durationMs: 900,
      testDurationMs: 4.3,
      slowestFiles: [
        { file: 'b.test.ts', durationMs: 300, outcome: 'passed' },
        { file: 'c.test.ts', durationMs: 300, outcome: 'failed' },
      ],
    });
  });

  it('summarises an empty run', () => {
    const summary = summarize({ runner: 'jest', durationMs: 0, tests: [], files: [] });
    expect(summary.total).toBe(0);
    expect(summary.counts).toEqual({ passed: 0, failed: 0, skipped: 0, errored: 0 });
    expect(summary.slowestFiles).toEqual([]);
  });
});
