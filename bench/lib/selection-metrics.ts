/** One strategy's answer for one mutant: the selected test files, most-likely-to-fail first. */
export interface StrategyPick {
  selected: string[];
  /** How many of the selected files were must-run (coverage or import-closure evidence). */
  mustRun?: number;
  /** Why each selected file was selected, when the strategy says. */
  evidence?: string[];
}

/** One killed mutant: the failing test files (ground truth) and each strategy's pick. */
export interface ScoredMutant {
  failing: string[];
  picks: Record<string, StrategyPick>;
}

export interface StrategyMetrics {
  /** Share of mutants where at least one failing test file was selected. */
  changeRecall: number;
  /** Share of (mutant, failing test file) pairs where the failing file was selected. */
  testRecall: number;
  /** Mean share of test files selected. */
  testsSelected: number;
  /** Mean share of the suite's measured time selected. */
  timeSelected: number;
  /** Mean APFD of the selected order followed by the rest in file order. */
  apfd: number;
  /** Mutants where no failing test file was selected. */
  missed: number;
}

/**
 * APFD of `order` (every test file once) for one fault detected by any of `failing`:
 * 1 - TF/n + 1/(2n), TF the 1-based position of the first detecting test.
 */
export function apfd(order: readonly string[], failing: ReadonlySet<string>): number {
  const n = order.length;
  const position = order.findIndex((file) => failing.has(file)) + 1;
  if (n === 0 || position === 0) return Number.NaN;
  return 1 - position / n + 1 / (2 * n);
}

/** The selected files in their order, then the rest of `allTests` in file order. */
export function fullOrder(selected: readonly string[], allTests: readonly string[]): string[] {
  const chosen = new Set(selected);
  return [...selected, ...allTests.filter((file) => !chosen.has(file))];
}

/** Aggregates one strategy's picks over every mutant. */
export function strategyMetrics(
  strategy: string,
  mutants: readonly ScoredMutant[],
  allTests: readonly string[],
  durations: ReadonlyMap<string, number>,
): StrategyMetrics {
  const suiteMs = allTests.reduce((sum, file) => sum + (durations.get(file) ?? 0), 0);
  let caught = 0;
  let failures = 0;
  let failuresSelected = 0;
  let tests = 0;
  let time = 0;
  let apfdSum = 0;
  for (const mutant of mutants) {
    const selected = mutant.picks[strategy]?.selected ?? [];
    const chosen = new Set(selected);
    const failing = new Set(mutant.failing);
    const hits = mutant.failing.filter((file) => chosen.has(file)).length;
    if (hits > 0) caught++;
    failures += failing.size;
    failuresSelected += hits;
    tests += chosen.size / allTests.length;
    time += selected.reduce((sum, file) => sum + (durations.get(file) ?? 0), 0) / suiteMs;
    apfdSum += apfd(fullOrder(selected, allTests), failing);
  }
  const count = mutants.length;
  return {
    changeRecall: caught / count,
    testRecall: failuresSelected / failures,
    testsSelected: tests / count,
    timeSelected: time / count,
    apfd: apfdSum / count,
    missed: count - caught,
  };
}
