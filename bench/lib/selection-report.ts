import { formatMs } from './format.js';
import { CONFIDENCE, type RepoBenchResult, STRATEGIES, type Strategy } from './selection-repo.js';
import { formatTable } from './table.js';

export interface Targets {
  /** (a) change recall >= 99.5% with at most half the tests of (c). */
  a: boolean;
  /** (b) change recall >= 95% within one third of the suite time. */
  b: boolean;
}

const pct = (value: number) => `${(100 * value).toFixed(1)}%`;

function labels(result: RepoBenchResult): Record<Strategy, string> {
  return {
    confidence: `(a) ours, --confidence ${CONFIDENCE}`,
    budget: '(b) ours, --budget 1/3 of suite time',
    static: result.peer.label,
    all: '(d) run all',
  };
}

/**
 * The share of tests (a) may select. The half-of-the-peer target is for repositories whose tests
 * import through a barrel, where the static closure cannot tell tests apart: recognised by the peer
 * selecting at least half of the suite. Where the peer is already selective (tests import modules
 * directly), (a) must select no more than the peer.
 */
export function targetShare(result: RepoBenchResult): { limit: number; barrel: boolean } {
  const c = result.metrics.static.testsSelected;
  const barrel = c >= 0.5;
  return { limit: barrel ? c / 2 : c, barrel };
}

export function targetsOf(result: RepoBenchResult): Targets {
  const { confidence: a, budget: b } = result.metrics;
  return {
    a: a.changeRecall >= 0.995 && a.testsSelected <= targetShare(result).limit,
    b: b.changeRecall >= 0.95,
  };
}

/** The table, the targets with PASS/FAIL, and what the numbers rest on, as plain text. */
export function formatRepoReport(result: RepoBenchResult, heading: string): string {
  const names = labels(result);
  const rows = STRATEGIES.map((key) => {
    const m = result.metrics[key];
    return [
      names[key],
      pct(m.changeRecall),
      pct(m.testRecall),
      pct(m.testsSelected),
      pct(m.timeSelected),
      m.apfd.toFixed(3),
    ];
  });
  const right = { align: 'right' } as const;
  const table = formatTable(
    [
      { header: 'strategy' },
      { header: 'change recall', ...right },
      { header: 'test recall', ...right },
      { header: 'tests selected', ...right },
      { header: 'time selected', ...right },
      { header: 'APFD', ...right },
    ],
    rows,
  );
  const { confidence: a, budget: b } = result.metrics;
  const targets = targetsOf(result);
  const share = targetShare(result);
  const m = result.mutants;
  const checks = result.peer.checks;
  const lines = [
    `${heading}: ${m.killed} killed mutants as changes, ${result.tests.length} test files (${result.runner}), ` +
      `suite ${formatMs(result.suiteMs)}`,
    `suite: ${result.suiteNote}`,
    `mutants: ${m.sampled} sampled (seeded) in files some test loads, ${m.killed} killed, ${m.survived} survived ` +
      `(dropped); ${m.equivalent} equivalent once compiled and ${m.invalid} not parsing were redrawn; ` +
      `${m.unreachedCandidates} candidates in files no suite test loads were not sampled`,
    `truth: each mutant runs the test files whose unmutated V8 coverage reaches the mutated file ` +
      `(a test that never loads it cannot observe it); impact map: ${result.impact.lineLevelFiles} files at line ` +
      `level, ${result.impact.fileLevelFiles} at file level`,
    `peer: ${result.peer.command}` +
      (checks.length > 0
        ? `; checked against a real \`vitest related FILE --run\` on ${checks.length} mutants: ` +
          `${checks.filter((check) => check.agree).length} picked the same files`
        : ''),
    '',
    table,
    '',
    `target (a): change recall >= 99.5% with ${share.barrel ? 'at most half the tests of (c) (the peer selects most of this barrel-style suite)' : 'no more tests than (c) (tests import modules directly, so the peer is already selective; half of (c) is the target for barrel-style suites)'} (<= ${pct(share.limit)}): ` +
      `${pct(a.changeRecall)}, ${pct(a.testsSelected)} -> ${targets.a ? 'PASS' : 'FAIL'}`,
    `target (b): change recall >= 95% within a ${formatMs(result.budgetMs)} budget: ${pct(b.changeRecall)} -> ` +
      `${targets.b ? 'PASS' : 'FAIL'}`,
    `diagnostic: (a)'s must-run tests alone (coverage evidence, before the tests added to reach the ` +
      `confidence): change recall ${pct(result.mustRunOnly.changeRecall)}, tests ${pct(result.mustRunOnly.testsSelected)}, ` +
      `time ${pct(result.mustRunOnly.timeSelected)}`,
  ];
  return lines.join('\n');
}

/** The stable JSON shape of one benchmarked repository. */
export function repoJson(result: RepoBenchResult, extra: Record<string, unknown>): Record<string, unknown> {
  const names = labels(result);
  return {
    name: result.name,
    ...extra,
    runner: result.runner,
    commit: result.commit,
    suite: {
      description: result.suiteNote,
      testFiles: result.tests.length,
      excludedOutsideSuite: result.excluded.outsideSuite,
      droppedFailingUnmutated: result.excluded.failingUnmutated,
      suiteMs: result.suiteMs,
      durationsMs: Object.fromEntries(result.durations),
    },
    impact: result.impact,
    mutants: result.mutants,
    peer: result.peer,
    copyTidied: result.tidied,
    strategies: Object.fromEntries(
      STRATEGIES.map((key) => [key, { label: names[key], ...result.metrics[key] }]),
    ),
    mustRunOnly: result.mustRunOnly,
    targets: { ...targetsOf(result), budgetMs: result.budgetMs },
    perMutant: result.outcomes.map(({ mutant, reached, failing, timedOut }) => ({
      ...mutant,
      reached,
      failing,
      timedOut,
      selected: result.scored.find((entry) => entry.mutant.id === mutant.id)?.picks,
    })),
    runMs: result.runMs,
  };
}
