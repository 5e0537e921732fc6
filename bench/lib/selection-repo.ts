import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImportGraph } from '../../src/change/index.js';
import {
  collectCoverageDetail,
  type ImpactMap,
  type LineRanges,
  selectTests,
  type TestStats,
} from '../../src/testing/index.js';
import { formatDuration, formatMs } from './format.js';
import { seededRandom } from './random.js';
import { uncommitted } from './selection-copy.js';
import {
  type ScoredMutant,
  type StrategyMetrics,
  type StrategyPick,
  strategyMetrics,
} from './selection-metrics.js';
import { transpileCheck } from './selection-mutant-check.js';
import { applyMutant, type Mutant, mutationCandidates, sampleMutants } from './selection-mutants.js';
import { type BenchRunner, RUN_ENV, vitestRelatedRun } from './selection-runner.js';
import { timed } from './timing.js';

export const CONFIDENCE = 0.95;
export const STRATEGIES = ['confidence', 'budget', 'static', 'all'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface RepoBenchOptions {
  /** Heading for the table, e.g. "this repository". */
  name: string;
  /** A git working copy the benchmark may mutate (never the user's checkout). */
  root: string;
  runner: BenchRunner;
  /** Which of the runner's test files form the suite. */
  inSuite: (file: string) => boolean;
  /** The suite in words, with what it leaves out and why. */
  suiteNote: string;
  /** Which tracked files mutants may go in (test files never do). */
  mutable: (file: string) => boolean;
  mutants: number;
  seed: number;
  baselineRuns: number;
  /** Parallel coverage runs, and workers for suite runs. */
  parallel: number;
  /** How many killed mutants to check the peer's list mode against a real `vitest related --run`. */
  peerChecks: number;
  signal: AbortSignal;
  note: (line: string) => void;
}

export interface MutantOutcome {
  mutant: Mutant;
  /** Test files whose coverage reaches the mutated file: the only ones run for the truth. */
  reached: number;
  failing: string[];
  timedOut: string[];
}

export interface RepoBenchResult {
  name: string;
  runner: BenchRunner['name'];
  commit: string;
  suiteNote: string;
  tests: string[];
  /** Listed test files left out: outside the suite, or failing on the unmutated copy. */
  excluded: { outsideSuite: number; failingUnmutated: string[] };
  durations: Map<string, number>;
  suiteMs: number;
  impact: { ms: number; lineLevelFiles: number; fileLevelFiles: number; failingUnderCoverage: string[] };
  mutants: {
    candidates: number;
    unreachedCandidates: number;
    equivalent: number;
    invalid: number;
    sampled: number;
    killed: number;
    survived: number;
    groundTruthMs: number;
  };
  peer: { command: string; label: string; checks: { mutant: number; agree: boolean }[] };
  /** Times the tests left files behind in the copy, which were removed before asking the peer. */
  tidied: number;
  outcomes: MutantOutcome[];
  scored: (ScoredMutant & { mutant: Mutant })[];
  metrics: Record<Strategy, StrategyMetrics>;
  /** (a) cut to its must-run tests (coverage, closure evidence): what the confidence padding adds. */
  mustRunOnly: StrategyMetrics;
  budgetMs: number;
  runMs: number;
}

/**
 * Mutation-based selection benchmark on one working copy: per-file durations and V8 coverage on the
 * unmutated copy, then for each seeded mutant the truth (the tests whose coverage reaches the mutated
 * file, run with the mutant applied), the peer's own selection, and ours.
 */
export async function benchmarkRepository(options: RepoBenchOptions): Promise<RepoBenchResult> {
  const started = Date.now();
  const { root, runner, signal, note } = options;
  const listed = await runner.listTests(root, signal);
  let tests = listed.filter(options.inSuite);
  note(`${options.name}: ${runner.name}, ${tests.length} test files in the suite (${listed.length} listed)`);
  if (tests.length === 0) throw new Error(`${options.name}: no test files in the suite`);

  // Durations: the median of a few whole-suite runs; files failing on the unmutated copy are dropped.
  const samples = new Map<string, number[]>(tests.map((file) => [file, []]));
  const failingUnmutated = new Set<string>();
  for (let run = 0; run < options.baselineRuns; run++) {
    const result = await runner.runFiles(root, tests, 30 * 60_000, signal, options.parallel);
    if (result.timedOut) throw new Error(`${options.name}: the unmutated suite did not finish in 30 minutes`);
    for (const outcome of result.outcomes) {
      if (!outcome.passed) failingUnmutated.add(outcome.file);
      samples.get(outcome.file)?.push(outcome.ms);
    }
    note(`  baseline run ${run + 1}/${options.baselineRuns}: ${formatDuration(result.wallMs)} wall`);
  }
  if (failingUnmutated.size > 0) {
    note(`  dropped, failing on the unmutated copy: ${[...failingUnmutated].join(', ')}`);
    tests = tests.filter((file) => !failingUnmutated.has(file));
  }
  const durations = new Map(tests.map((file) => [file, median(samples.get(file) ?? [0])]));
  const suiteMs = [...durations.values()].reduce((sum, ms) => sum + ms, 0);
  note(`  suite: ${formatMs(suiteMs)} of test time (median of ${options.baselineRuns} runs)`);

  // Longest first, so the slowest file never starts last and leaves the other worker idle.
  const longestFirst = [...tests].sort((a, b) => (durations.get(b) ?? 0) - (durations.get(a) ?? 0));
  const coverage = await timed(() => collectImpact(options, longestFirst));
  const { impact, failingUnderCoverage } = coverage.result;
  const covered = new Set(Object.values(impact.tests).flatMap((lines) => Object.keys(lines)));
  const fileLevel = new Set(Object.values(impact.fileLevel ?? {}).flat());
  const lineLevelFiles = [...covered].filter((file) => !fileLevel.has(file)).length;
  note(
    `  impact map: ${tests.length} coverage runs in ${formatDuration(coverage.ms)}; ${covered.size} files covered, ` +
      `${lineLevelFiles} with line-level coverage, ${fileLevel.size} file-level only`,
  );
  if (failingUnderCoverage.length > 0) {
    note(`  failed under coverage (their coverage is kept): ${failingUnderCoverage.join(', ')}`);
  }
  const graph = await buildImportGraph({ root });
  const dependents = (files: readonly string[]) => graph.dependentsClosure(files);

  const testSet = new Set(listed);
  const mutable = gitFiles(root).filter((file) => options.mutable(file) && !testSet.has(file));
  const reachedFiles = mutable.filter((file) => covered.has(file));
  const unreached = mutable
    .filter((file) => !covered.has(file))
    .reduce((sum, file) => sum + mutationCandidates(file, readFileSync(join(root, file), 'utf8')).length, 0);
  const random = seededRandom(options.seed * 7919 + 1);
  const sampled = sampleMutants(root, reachedFiles, options.mutants, random, transpileCheck());
  note(
    `  mutants: ${sampled.mutants.length} drawn from ${sampled.candidates} candidates in ${reachedFiles.length} files ` +
      `some test loads (${unreached} more in ${mutable.length - reachedFiles.length} files none loads); ` +
      `${sampled.equivalent} redrawn as equivalent once compiled, ${sampled.invalid} as not parsing`,
  );

  const outcomes: MutantOutcome[] = [];
  const peerPicks = new Map<number, string[]>();
  const checks: { mutant: number; agree: boolean }[] = [];
  let tidied = tidy(root);
  const truth = await timed(async () => {
    for (const mutant of sampled.mutants) {
      signal.throwIfAborted();
      const reached = tests.filter((file) => impact.tests[file]?.[mutant.file] !== undefined);
      const restore = applyMutant(root, mutant);
      let outcome: MutantOutcome;
      try {
        outcome = { mutant, reached: reached.length, ...(await failingTests(options, reached, durations)) };
      } finally {
        restore();
      }
      outcomes.push(outcome);
      tidied += tidy(root);
      if (outcome.failing.length > 0) {
        // Asked with the mutant in place: the runner's `--changed` sees the mutated file.
        const again = applyMutant(root, mutant);
        try {
          peerPicks.set(mutant.id, await peerSelection(options, tests, mutant, dependents, checks));
        } finally {
          again();
        }
      }
      if (outcomes.length % 5 === 0) {
        note(`  ground truth: ${outcomes.length}/${sampled.mutants.length} mutants`);
      }
    }
  });
  const killed = outcomes.filter((outcome) => outcome.failing.length > 0);
  note(
    `  ${killed.length} killed, ${outcomes.length - killed.length} survived every test that loads the file ` +
      `(dropped); ground truth in ${formatDuration(truth.ms)}`,
  );
  if (killed.length === 0) throw new Error(`${options.name}: no mutant was killed, nothing to measure`);

  const stats: TestStats[] = tests.map((file) => ({
    file,
    runs: 0,
    failures: 0,
    recentFailureRate: 0,
    medianDurationMs: durations.get(file),
  }));
  const budgetMs = suiteMs / 3;
  const scored = killed.map(({ mutant, failing }) => {
    const change = {
      files: [
        { path: mutant.file, status: 'modified' as const, changedLines: [[mutant.line, mutant.line]] },
      ] as {
        path: string;
        status: 'modified';
        changedLines: [number, number][];
      }[],
    };
    const ours = selectTests({ change, testFiles: tests, impact, dependents }, { confidence: CONFIDENCE });
    const budgeted = selectTests({ change, testFiles: tests, impact, dependents, stats }, { budgetMs });
    const picks: Record<Strategy, StrategyPick> = {
      confidence: {
        selected: ours.tests.map((test) => test.file),
        mustRun: ours.tests.filter((test) => test.mustRun).length,
        evidence: ours.tests.map((test) => `${test.file}: ${test.evidence.map((e) => e.detail).join('; ')}`),
      },
      budget: {
        selected: budgeted.tests.map((test) => test.file),
        mustRun: budgeted.tests.filter((test) => test.mustRun).length,
      },
      static: { selected: peerPicks.get(mutant.id) ?? [] },
      all: { selected: [...tests] },
    };
    return { mutant, failing, picks };
  });
  const metrics = Object.fromEntries(
    STRATEGIES.map((key) => [key, strategyMetrics(key, scored, tests, durations)]),
  ) as Record<Strategy, StrategyMetrics>;
  // Diagnostic: (a)'s must-run tests alone, without the tests added to reach the confidence.
  const mustRunOnly = strategyMetrics(
    'mustRun',
    scored.map(({ failing, picks }) => ({
      failing,
      picks: { mustRun: { selected: picks.confidence.selected.slice(0, picks.confidence.mustRun ?? 0) } },
    })),
    tests,
    durations,
  );

  return {
    name: options.name,
    runner: runner.name,
    commit: gitHead(root),
    suiteNote: options.suiteNote,
    tests,
    excluded: {
      outsideSuite: listed.length - listed.filter(options.inSuite).length,
      failingUnmutated: [...failingUnmutated],
    },
    durations,
    suiteMs,
    impact: { ms: coverage.ms, lineLevelFiles, fileLevelFiles: fileLevel.size, failingUnderCoverage },
    mutants: {
      candidates: sampled.candidates,
      unreachedCandidates: unreached,
      equivalent: sampled.equivalent,
      invalid: sampled.invalid,
      sampled: sampled.mutants.length,
      killed: killed.length,
      survived: outcomes.length - killed.length,
      groundTruthMs: truth.ms,
    },
    peer: { command: runner.peerCommand, label: runner.peerLabel, checks },
    tidied,
    outcomes,
    scored,
    metrics,
    mustRunOnly,
    budgetMs,
    runMs: Date.now() - started,
  };
}

/**
 * The peer's selection for the mutant's change: the runner's own related-tests mode, or the import
 * closure when it has none. The first `peerChecks` vitest answers are compared with a real
 * `vitest related FILE --run`, and the comparison is pushed to `checks`.
 */
async function peerSelection(
  options: RepoBenchOptions,
  tests: readonly string[],
  mutant: Mutant,
  dependents: (files: readonly string[]) => Map<string, number>,
  checks: { mutant: number; agree: boolean }[],
): Promise<string[]> {
  const { root, runner, signal } = options;
  const { file } = mutant;
  const suite = new Set(tests);
  if (runner.related === undefined) return tests.filter((test) => dependents([file]).has(test));
  const picked = (await runner.related(root, file, signal)).filter((test) => suite.has(test));
  if (runner.name === 'vitest' && checks.length < options.peerChecks) {
    const real = (await vitestRelatedRun(root, file, signal)).filter((test) => suite.has(test));
    checks.push({ mutant: mutant.id, agree: sameSet(real, picked) });
  }
  return picked;
}

/** Each test file's coverage, run alone, `parallel` at a time in the order given. */
async function collectImpact(
  options: RepoBenchOptions,
  tests: readonly string[],
): Promise<{ impact: ImpactMap; failingUnderCoverage: string[] }> {
  const lines: Record<string, LineRanges> = {};
  const fileLevel: Record<string, string[]> = {};
  const failing: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tests.length) {
      options.signal.throwIfAborted();
      const file = tests[next++] as string;
      const detail = await collectCoverageDetail({
        root: options.root,
        command: options.runner.coverageCommand(options.root, file),
        env: RUN_ENV,
        timeoutMs: 600_000,
      });
      lines[file] = detail.lines;
      if (detail.fileLevel.length > 0) fileLevel[file] = detail.fileLevel;
      if (detail.exitCode !== 0) failing.push(file);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.parallel, tests.length) }, worker));
  const impact: ImpactMap = {
    commit: undefined,
    createdAt: new Date().toISOString(),
    tests: lines,
    fileLevel,
  };
  return { impact, failingUnderCoverage: failing.sort() };
}

/**
 * The test files of `reached` that fail with the mutant applied, in one run; when that run hangs (a
 * mutant can make a loop endless), each file runs alone and one that times out counts as failing.
 */
async function failingTests(
  options: RepoBenchOptions,
  reached: readonly string[],
  durations: ReadonlyMap<string, number>,
): Promise<{ failing: string[]; timedOut: string[] }> {
  if (reached.length === 0) return { failing: [], timedOut: [] };
  const { root, runner, signal } = options;
  const expected = reached.reduce((sum, file) => sum + (durations.get(file) ?? 0), 0);
  const group = await runner.runFiles(root, reached, 30_000 + 3 * expected, signal, options.parallel);
  if (!group.timedOut) {
    return { failing: group.outcomes.filter((o) => !o.passed).map((o) => o.file), timedOut: [] };
  }
  const failing: string[] = [];
  const timedOut: string[] = [];
  for (const file of reached) {
    const alone = await runner.runFiles(root, [file], 20_000 + 3 * (durations.get(file) ?? 0), signal, 1);
    if (alone.timedOut) timedOut.push(file);
    if (alone.timedOut || alone.outcomes.some((o) => !o.passed)) failing.push(file);
  }
  return { failing, timedOut };
}

/** Puts back what the tests changed or left in the copy (so `--changed` sees only the mutant); 1 if anything. */
function tidy(root: string): number {
  if (uncommitted(root).length === 0) return 0;
  execFileSync('git', ['checkout', '--quiet', '--', '.'], { cwd: root });
  execFileSync('git', ['clean', '-fdq'], { cwd: root });
  return 1;
}

function gitFiles(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
    .split('\0')
    .filter((file) => file !== '')
    .sort();
}

function gitHead(root: string): string {
  return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((item) => set.has(item));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
