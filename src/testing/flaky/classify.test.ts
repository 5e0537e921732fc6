import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/index.js';
import { classifyTests } from './classify.js';
import type { FlakyVerdict, RunSummary, TestAttempt, TestRunRecord } from './types.js';

type Outcome = TestAttempt['outcome'];

function record(testId: string, run: number, commit: string, ...outcomes: Outcome[]): TestRunRecord {
  return {
    runId: `run-${String(run).padStart(3, '0')}`,
    commit,
    at: run * 60_000,
    testId,
    attempts: outcomes.map((outcome) => ({ outcome })),
  };
}

/**
 * Run totals as a runner would report them (a test failed when its last attempt failed), counting
 * `otherTests` healthy tests that are not in the fixture, so one failing test is not an outage.
 */
function summarise(records: readonly TestRunRecord[], otherTests = 19): RunSummary[] {
  const byRun = new Map<string, RunSummary>();
  for (const { runId, attempts } of records) {
    const summary = byRun.get(runId) ?? { runId, total: otherTests, failed: 0 };
    summary.total += 1;
    const last = attempts.at(-1)?.outcome;
    if (last === 'failed' || last === 'errored') summary.failed += 1;
    byRun.set(runId, summary);
  }
  return [...byRun.values()];
}

/** `n` runs of a healthy test on `commit`, numbered from `from`. */
function passes(testId: string, from: number, n: number, commit: string): TestRunRecord[] {
  return Array.from({ length: n }, (_, i) => record(testId, from + i, commit, 'passed'));
}

function verdict(
  records: readonly TestRunRecord[],
  testId: string,
  runs = summarise(records),
  minRuns?: number,
): FlakyVerdict {
  const found = classifyTests(records, runs, minRuns === undefined ? {} : { minRuns }).find(
    (v) => v.testId === testId,
  );
  if (!found) throw new Error(`no verdict for ${testId}`);
  return found;
}

describe('classifyTests', () => {
  it('classifies a seeded random flaky test (fails ~20%) as flaky within 10 runs', () => {
    const random = seededRandom(7);
    const records: TestRunRecord[] = [];
    let flakyAt: number | undefined;
    for (let run = 1; run <= 10 && flakyAt === undefined; run += 1) {
      records.push(record('flaky', run, 'c1', random() < 0.2 ? 'failed' : 'passed'));
      records.push(record('healthy', run, 'c1', 'passed'));
      if (verdict(records, 'flaky').class === 'flaky') flakyAt = run;
    }
    expect(flakyAt).toBeDefined();
    expect(flakyAt).toBeLessThanOrEqual(10);
    const final = verdict(records, 'flaky');
    expect(final.evidence.join('\n')).toMatch(/on the same commit c1/);
    expect(final.wilson.low).toBeGreaterThan(0.01);
    expect(verdict(records, 'healthy').class).toBe('stable');
  });

  it('marks a pass on retry flaky at once, below the minimum sample', () => {
    const result = verdict([record('t', 1, 'c1', 'failed', 'passed')], 't');
    expect(result.class).toBe('flaky');
    expect(result.passOnRetry).toBe(1);
    expect(result.evidence).toContain('passed on retry in 1 of 1 run');
  });

  it('calls a deterministic always-failing test broken, not flaky', () => {
    const records = Array.from({ length: 6 }, (_, i) =>
      record('t', i + 1, `c${i + 1}`, 'failed', 'failed', 'errored'),
    );
    const result = verdict(records, 't');
    expect(result.class).toBe('broken');
    expect(result.failures).toBe(6);
    expect(result.failureRate).toBe(0);
    expect(result.evidence.at(-1)).toMatch(/^failed on every attempt in the last 6 runs on commits c1, c2/);
  });

  it('calls a regression that keeps failing on its commit broken', () => {
    const records = [
      ...passes('t', 1, 5, 'c1'),
      record('t', 6, 'c2', 'failed', 'failed'),
      record('t', 7, 'c2', 'failed', 'failed'),
    ];
    const result = verdict(records, 't');
    expect(result.class).toBe('broken');
    expect(result.evidence).toContain('failed on every attempt in the last 2 runs on commit c2');
  });

  it('calls a once-flaky test broken when it now fails on every attempt after a commit', () => {
    const records = [
      record('t', 1, 'c1', 'failed', 'passed'),
      ...passes('t', 2, 4, 'c1'),
      record('t', 6, 'c2', 'failed', 'failed'),
      record('t', 7, 'c2', 'failed', 'failed'),
    ];
    expect(verdict(records, 't').class).toBe('broken');
  });

  it('will not judge a single failed attempt in the latest run', () => {
    const records = [...passes('t', 1, 5, 'c1'), record('t', 6, 'c2', 'failed')];
    const result = verdict(records, 't');
    expect(result.class).toBe('unknown');
    expect(result.evidence.at(-1)).toMatch(/not enough to tell a regression from a flake/);
  });

  it('does not call a test flaky that failed once on a new commit and passed after the fix', () => {
    const records = [...passes('t', 1, 5, 'c1'), record('t', 6, 'c2', 'failed'), ...passes('t', 7, 3, 'c3')];
    const result = verdict(records, 't');
    expect(result.class).toBe('stable');
    expect(result.failures).toBe(1);
    expect(result.failureRate).toBe(0);
    expect(result.evidence).toContain(
      'failed on every attempt in 1 run on commit c2, then passed after commit c3: a fixed regression',
    );
  });

  it('calls the same failure flaky when the failing commit also passed', () => {
    const records = [...passes('t', 1, 5, 'c1'), record('t', 6, 'c2', 'failed'), ...passes('t', 7, 3, 'c2')];
    expect(verdict(records, 't').class).toBe('flaky');
  });

  it('treats repeated lone failures across commits as intermittent', () => {
    const commits = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const failing = new Set([2, 6]);
    const records = commits.map((commit, i) =>
      record('t', i + 1, commit, failing.has(i) ? 'failed' : 'passed'),
    );
    const result = verdict(records, 't');
    expect(result.class).toBe('flaky');
    expect(result.failureRate).toBeCloseTo(0.2, 10);
  });

  it('leaves infrastructure-failure runs (90% failing) out', () => {
    const tests = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const records = tests.flatMap((testId) =>
      Array.from({ length: 6 }, (_, run) =>
        record(testId, run + 1, 'c1', run === 3 && testId !== 't9' ? 'failed' : 'passed'),
      ),
    );
    const verdicts = classifyTests(records, summarise(records, 0));
    expect(verdicts.map((v) => v.class)).toEqual(tests.map(() => 'stable'));
    expect(verdicts[0]?.runs).toBe(5);
    expect(verdicts[0]?.evidence).toContain('1 run left out as infrastructure failures');
    // Without the run totals the same history would look flaky.
    expect(verdict(records, 't0', []).class).toBe('flaky');
  });

  it('keeps a run where 80% fail (not more than 80%)', () => {
    const tests = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const records = tests.flatMap((testId) =>
      Array.from({ length: 6 }, (_, run) =>
        record(testId, run + 1, 'c1', run === 3 && testId < 't8' ? 'failed' : 'passed'),
      ),
    );
    expect(verdict(records, 't0', summarise(records, 0)).class).toBe('flaky');
  });

  it('respects minRuns: unknown below it unless it passed on retry', () => {
    const records = [...passes('t', 1, 3, 'c1'), record('t', 4, 'c1', 'failed')];
    const below = verdict(records, 't');
    expect(below.class).toBe('unknown');
    expect(below.evidence).toContain('4 counted runs; 5 needed for a verdict');
    expect(verdict(records, 't', summarise(records), 4).class).toBe('flaky');
    expect(verdict(passes('s', 1, 4, 'c1'), 's').class).toBe('unknown');
    expect(verdict(passes('s', 1, 5, 'c1'), 's').class).toBe('stable');
  });

  it('ignores skipped runs and sorts verdicts by test id', () => {
    const records = [record('b', 1, 'c1', 'skipped'), ...passes('a', 1, 5, 'c1')];
    const verdicts = classifyTests(records, summarise(records));
    expect(verdicts.map((v) => [v.testId, v.class, v.runs])).toEqual([
      ['a', 'stable', 5],
      ['b', 'unknown', 0],
    ]);
  });

  it('rejects nonsense options', () => {
    expect(() => classifyTests([], [], { minRuns: 0 })).toThrow(/minRuns/);
    expect(() => classifyTests([], [], { infraFailureRatio: 1.5 })).toThrow(/infraFailureRatio/);
  });
});
