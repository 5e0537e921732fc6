import { type FailureBlock, failureBlocks, mixedCommits, type Observation, observe } from './episodes.js';
import type { FlakyOptions, FlakyVerdict, RunSummary, TestClass, TestRunRecord } from './types.js';
import { wilsonInterval } from './wilson.js';

const DEFAULTS = { minRuns: 5, confidence: 0.95, flakyRateThreshold: 0.01, infraFailureRatio: 0.8 };

const short = (commit: string): string => commit.slice(0, 7);
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** Runs where more than `ratio` of the tests failed: the machine broke, not the tests. */
export function infrastructureFailures(
  runs: readonly RunSummary[],
  ratio = DEFAULTS.infraFailureRatio,
): Set<string> {
  return new Set(
    runs.filter((run) => run.total > 0 && run.failed / run.total > ratio).map((run) => run.runId),
  );
}

/**
 * Classifies every test in `records` as stable, flaky, broken or unknown from its run history.
 *
 * Rules, applied per test after dropping infrastructure-failure runs (more than `infraFailureRatio` of the
 * run's tests failed) and runs where every attempt was skipped:
 * - A run that both failed and passed (pass on retry) marks the test flaky at once, whatever the sample size.
 * - A stretch of consecutive runs failing on every attempt that starts on a new commit, ends on a new commit
 *   (or is still going) and whose commits never passed is a regression, not flakiness. A closed regression
 *   of one run counts as a fixed regression only when it is the only one; repeated lone failures are
 *   intermittent.
 * - Every other failure is intermittent, notably failures on a commit where the test also passed. The test is
 *   flaky when the Wilson lower bound of intermittent failures / runs exceeds `flakyRateThreshold`.
 * - Broken: the latest runs fail on every attempt as a regression, with at least two failed attempts (a retry
 *   or a rerun kept failing). Broken wins over flaky, since a real failure must never be quarantined away.
 * - Below `minRuns` counted runs, a test is unknown unless it passed on retry.
 */
export function classifyTests(
  records: readonly TestRunRecord[],
  runs: readonly RunSummary[],
  options: FlakyOptions = {},
): FlakyVerdict[] {
  const settings = { ...DEFAULTS, ...options };
  if (!Number.isInteger(settings.minRuns) || settings.minRuns < 1) {
    throw new RangeError(`classifyTests: minRuns must be an integer >= 1, got ${settings.minRuns}`);
  }
  if (!(settings.infraFailureRatio > 0 && settings.infraFailureRatio <= 1)) {
    throw new RangeError(
      `classifyTests: infraFailureRatio must be in (0, 1], got ${settings.infraFailureRatio}`,
    );
  }
  if (!(settings.flakyRateThreshold >= 0 && settings.flakyRateThreshold < 1)) {
    throw new RangeError(
      `classifyTests: flakyRateThreshold must be in [0, 1), got ${settings.flakyRateThreshold}`,
    );
  }
  const infra = infrastructureFailures(runs, settings.infraFailureRatio);
  const byTest = new Map<string, TestRunRecord[]>();
  for (const record of records) {
    const list = byTest.get(record.testId) ?? [];
    list.push(record);
    byTest.set(record.testId, list);
  }
  return [...byTest.keys()]
    .sort()
    .map((testId) => verdictFor(testId, byTest.get(testId) ?? [], infra, settings));
}

function verdictFor(
  testId: string,
  records: readonly TestRunRecord[],
  infra: ReadonlySet<string>,
  settings: typeof DEFAULTS,
): FlakyVerdict {
  const kept = records.filter((record) => !infra.has(record.runId));
  const observations = observe(kept);
  const runs = observations.length;
  const failures = observations.filter((observation) => observation.outcome !== 'pass').length;
  const passOnRetry = observations.filter((observation) => observation.outcome === 'mixed').length;
  const mixed = mixedCommits(observations);
  const blocks = failureBlocks(observations, mixed);
  const explained = explainedBlocks(blocks);
  const explainedFailures = explained.reduce((sum, block) => sum + block.end - block.start + 1, 0);
  const intermittent = failures - explainedFailures;
  const wilson = wilsonInterval(intermittent, runs, settings.confidence);
  const evidence: string[] = [];

  const excluded = new Set(records.filter((record) => infra.has(record.runId)).map((record) => record.runId))
    .size;
  if (excluded > 0) evidence.push(`${plural(excluded, 'run')} left out as infrastructure failures`);
  if (passOnRetry > 0) evidence.push(`passed on retry in ${passOnRetry} of ${plural(runs, 'run')}`);
  for (const [commit, { passed, failed }] of [...mixed].slice(0, 3)) {
    evidence.push(
      `passed in ${passed} and failed in ${plural(failed, 'run')} on the same commit ${short(commit)}`,
    );
  }
  for (const block of explained.filter((candidate) => !candidate.trailing)) {
    evidence.push(
      `${describeBlock(block)}, then passed after commit ${nextCommit(block, observations)}: a fixed regression`,
    );
  }
  if (intermittent > 0) {
    evidence.push(
      `${intermittent} intermittent ${intermittent === 1 ? 'failure' : 'failures'} in ${plural(runs, 'run')} ` +
        `(${percent(settings.confidence)} Wilson interval ${percent(wilson.low)}–${percent(wilson.high)})`,
    );
  }
  const trailing = explained.find((block) => block.trailing);
  if (trailing) evidence.push(describeBlock(trailing));

  let verdictClass: TestClass;
  if (runs >= settings.minRuns && trailing !== undefined && trailing.failedAttempts >= 2) {
    verdictClass = 'broken';
  } else if (passOnRetry > 0) {
    verdictClass = 'flaky';
  } else if (runs < settings.minRuns) {
    verdictClass = 'unknown';
    evidence.push(`${plural(runs, 'counted run')}; ${settings.minRuns} needed for a verdict`);
  } else if (wilson.low > settings.flakyRateThreshold) {
    verdictClass = 'flaky';
  } else if (trailing !== undefined) {
    verdictClass = 'unknown';
    evidence.push('the latest run failed once without a retry: not enough to tell a regression from a flake');
  } else {
    verdictClass = 'stable';
  }
  return {
    testId,
    class: verdictClass,
    runs,
    failures,
    passOnRetry,
    failureRate: runs === 0 ? 0 : intermittent / runs,
    wilson,
    evidence,
  };
}

/** Regression-like blocks that explain their failures: ongoing ones, sustained ones, and a single lone one. */
function explainedBlocks(blocks: readonly FailureBlock[]): FailureBlock[] {
  const regressions = blocks.filter((block) => block.regressionLike);
  const lone = regressions.filter((block) => !block.trailing && block.start === block.end);
  return regressions.filter((block) => block.trailing || block.start !== block.end || lone.length === 1);
}

function describeBlock(block: FailureBlock): string {
  const count = block.end - block.start + 1;
  const commits = block.commits.map(short).join(', ');
  const where = block.commits.length === 1 ? `on commit ${commits}` : `on commits ${commits}`;
  const last = block.trailing ? 'the last ' : '';
  return `failed on every attempt in ${last}${plural(count, 'run')} ${where}`;
}

function nextCommit(block: FailureBlock, observations: readonly Observation[]): string {
  return short(observations[block.end + 1]?.commit ?? '');
}
