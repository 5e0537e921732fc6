import type { TestAttempt, TestRunRecord } from './types.js';

/** How one test ended in one run: every counted attempt passed, every one failed, or both happened. */
export type RunOutcome = 'pass' | 'fail' | 'mixed';

export interface Observation {
  runId: string;
  commit: string;
  at: number;
  outcome: RunOutcome;
  /** Attempts that failed or errored. */
  failedAttempts: number;
}

/** A maximal stretch of consecutive runs (in time order) that failed on every attempt. */
export interface FailureBlock {
  /** Index of the first and last observation of the block. */
  start: number;
  end: number;
  commits: string[];
  failedAttempts: number;
  /** Starts on a new commit, ends on one (or at the latest run), and none of its commits ever passed. */
  regressionLike: boolean;
  /** Reaches the latest run. */
  trailing: boolean;
}

function isFailure(attempt: TestAttempt): boolean {
  return attempt.outcome === 'failed' || attempt.outcome === 'errored';
}

/** One observation per run, in time order (ties by runId); runs where every attempt was skipped are dropped. */
export function observe(records: readonly TestRunRecord[]): Observation[] {
  const byRun = new Map<string, TestRunRecord>();
  for (const record of records) {
    const seen = byRun.get(record.runId);
    byRun.set(record.runId, seen ? { ...seen, attempts: [...seen.attempts, ...record.attempts] } : record);
  }
  const observations: Observation[] = [];
  for (const record of byRun.values()) {
    const counted = record.attempts.filter((attempt) => attempt.outcome !== 'skipped');
    if (counted.length === 0) continue;
    const failedAttempts = counted.filter(isFailure).length;
    const outcome: RunOutcome =
      failedAttempts === 0 ? 'pass' : failedAttempts === counted.length ? 'fail' : 'mixed';
    observations.push({ runId: record.runId, commit: record.commit, at: record.at, outcome, failedAttempts });
  }
  return observations.sort((a, b) => a.at - b.at || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
}

/** Commits on which the test both passed and failed (across runs or within one run). */
export function mixedCommits(
  observations: readonly Observation[],
): Map<string, { passed: number; failed: number }> {
  const tally = new Map<string, { passed: number; failed: number }>();
  for (const { commit, outcome } of observations) {
    const entry = tally.get(commit) ?? { passed: 0, failed: 0 };
    if (outcome !== 'fail') entry.passed += 1;
    if (outcome !== 'pass') entry.failed += 1;
    tally.set(commit, entry);
  }
  return new Map([...tally].filter(([, { passed, failed }]) => passed > 0 && failed > 0));
}

/** Splits the history into blocks of consecutive all-failing runs and says which look like regressions. */
export function failureBlocks(
  observations: readonly Observation[],
  mixed: ReadonlyMap<string, unknown>,
): FailureBlock[] {
  const blocks: FailureBlock[] = [];
  let index = 0;
  while (index < observations.length) {
    if (observations[index]?.outcome !== 'fail') {
      index += 1;
      continue;
    }
    const start = index;
    while (observations[index + 1]?.outcome === 'fail') index += 1;
    const end = index;
    const slice = observations.slice(start, end + 1);
    const commits = [...new Set(slice.map((observation) => observation.commit))];
    const before = observations[start - 1];
    const after = observations[end + 1];
    const startsOnChange = before === undefined || before.commit !== observations[start]?.commit;
    const endsOnChange = after === undefined || after.commit !== observations[end]?.commit;
    blocks.push({
      start,
      end,
      commits,
      failedAttempts: slice.reduce((sum, observation) => sum + observation.failedAttempts, 0),
      regressionLike: startsOnChange && endsOnChange && commits.every((commit) => !mixed.has(commit)),
      trailing: after === undefined,
    });
    index = end + 1;
  }
  return blocks;
}
