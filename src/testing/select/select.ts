import { CaraError } from '../../core/index.js';
import {
  filesWithoutCoverage,
  PRIOR,
  type StructuralFinding,
  structuralFindings,
  UNRELATED_TOTAL,
} from './evidence.js';
import { failureFeatures } from './features.js';
import { DEFAULT_GLOBAL_INPUTS, matchGlobalInput } from './global-inputs.js';
import { predictFailure, usableModel } from './model.js';
import { estimateFailure } from './probability.js';
import type {
  ChangedFile,
  SelectedTest,
  Selection,
  SelectionEvidence,
  SelectionObservation,
  SelectOptions,
  SelectTestsInput,
  TestStats,
} from './types.js';

/** Confidence used when none of confidence, budget or max is given. */
export const DEFAULT_CONFIDENCE = 0.95;
/** Duration assumed for a test with no history when no other test has one either. */
const UNKNOWN_DURATION_MS = 1000;
const CODE_FILE = /\.(?:[cm]?[jt]sx?)$/;

interface Ranked extends SelectedTest {
  budgetMs: number;
  features: number[];
  prior: number;
}

/** Confidence a widened selection keeps at least. */
const WIDENED_CONFIDENCE = 0.99;

/**
 * Chooses the tests to run for a change: the must-run set from coverage, import closure, changed tests
 * and global inputs, then further tests by estimated failure probability until the confidence holds,
 * cut to the budget and the maximum. Pure: the impact map, graph and history come in as data.
 */
export function selectTests(input: SelectTestsInput, options: SelectOptions = {}): Selection {
  validate(options);
  const testFiles = [...new Set(input.testFiles.map(normalize))].sort();
  const changed = input.change.files.map(normalizeChange);
  const changedPaths = [...new Set(changed.flatMap((file) => [file.path, file.oldPath ?? file.path]))];
  const stats = new Map((input.stats ?? []).map((entry) => [normalize(entry.file), entry]));
  const global = globalChange(changed, options.globalInputs ?? DEFAULT_GLOBAL_INPUTS);
  const noGraph = input.dependents === undefined ? uncoveredCode(testFiles, changed, input) : [];

  const closures = new Map<string, Map<string, number>>();
  const testSet = new Set(testFiles);
  for (const file of changed) {
    if (input.dependents === undefined || testSet.has(file.path)) continue;
    const closure = new Map<string, number>();
    for (const [path, distance] of input.dependents([file.path])) closure.set(normalize(path), distance);
    closures.set(file.path, closure);
  }
  const findings = structuralFindings(testFiles, changed, input.impact, closures);
  const durations = durationFallback(stats);
  const model = usableModel(input.model) ? input.model : undefined;
  const widen = options.widen;
  const failedBefore = new Set((widen?.failedTests ?? []).map(normalize));

  const unrelated = [...findings.values()].filter(isUnrelated).length;
  const unrelatedPrior = Math.min(PRIOR.unrelated, UNRELATED_TOTAL / Math.max(1, unrelated));

  const ranked = testFiles.map((file): Ranked => {
    const found = findings.get(file) as StructuralFinding;
    const finding = isUnrelated(found) ? { ...found, priors: found.priors.map(() => unrelatedPrior) } : found;
    const estimate = estimateFailure(finding.priors, stats.get(file), changedPaths, options.riskScore);
    const features = failureFeatures({
      finding,
      stats: stats.get(file),
      changedFiles: changedPaths,
      riskScore: options.riskScore,
      now: input.now,
    });
    const evidence: SelectionEvidence[] = [...finding.evidence, ...estimate.evidence];
    let probability = estimate.probability;
    if (model !== undefined) {
      probability = predictFailure(model, features);
      evidence.push({
        kind: 'model',
        detail: `learned model (${model.runs} runs, ${model.failures} failures) gives ${(100 * probability).toFixed(1)}%`,
      });
    }
    let mustRun = finding.mustRun;
    if (widen !== undefined && failedBefore.has(file)) {
      mustRun = true;
      evidence.unshift({
        kind: 'adaptation',
        detail: `failed in the last run of this change (${widen.reason})`,
      });
    } else if (
      widen?.mode === 'closure' &&
      !mustRun &&
      finding.distance !== undefined &&
      finding.distance > 0
    ) {
      mustRun = true;
      evidence.push({
        kind: 'adaptation',
        detail: `selection widened to the import closure (distance ${finding.distance}): ${widen.reason}`,
      });
    }
    if (global !== undefined) {
      mustRun = true;
      evidence.unshift({ kind: 'global-input', detail: `${global} changed: every test runs` });
    } else if (noGraph.length > 0 && !mustRun) {
      mustRun = true;
      evidence.push({
        kind: 'import-closure',
        detail: `no import graph to check whether it depends on ${noGraph.join(', ')}, which no coverage explains`,
      });
    }
    const estimatedMs = stats.get(file)?.medianDurationMs;
    return {
      file,
      mustRun,
      probability,
      estimatedMs,
      evidence,
      budgetMs: estimatedMs ?? durations,
      features,
      prior: estimate.probability,
    };
  });
  ranked.sort(
    (a, b) =>
      Number(b.mustRun) - Number(a.mustRun) || b.probability - a.probability || a.file.localeCompare(b.file),
  );

  const ranking = model === undefined ? 'structural' : 'model';
  const everything = global !== undefined ? `${global} changed: every test runs` : undefined;
  const reason = everything ?? (widen?.mode === 'all' ? `every test runs: ${widen.reason}` : undefined);
  if (reason !== undefined) {
    return {
      tests: ranked.map(strip),
      skipped: [],
      all: true,
      reason,
      estimatedMissProbability: 0,
      ranking,
      observations: observe(ranked, new Set(testFiles)),
    };
  }
  const widened =
    widen === undefined
      ? options
      : { ...options, confidence: Math.max(options.confidence ?? 0, WIDENED_CONFIDENCE) };
  const selection = cut(ranked, widened, testFiles.length);
  return {
    ...selection,
    ranking,
    observations: observe(ranked, new Set(selection.tests.map((test) => test.file))),
  };
}

/** No structural evidence at all links the test to the change. */
function isUnrelated(finding: StructuralFinding): boolean {
  return !finding.mustRun && finding.evidence.length === 0;
}

function observe(ranked: readonly Ranked[], selected: ReadonlySet<string>): SelectionObservation[] {
  return ranked.map((test) => ({
    file: test.file,
    selected: selected.has(test.file),
    features: test.features,
    prior: test.prior,
  }));
}

/** Applies confidence, then budget, then max over the ranked list (must-run first). */
function cut(
  ranked: Ranked[],
  options: SelectOptions,
  total: number,
): Omit<Selection, 'ranking' | 'observations'> {
  const noLimit =
    options.confidence === undefined && options.budgetMs === undefined && options.max === undefined;
  const confidence = options.confidence ?? (noLimit ? DEFAULT_CONFIDENCE : undefined);
  let candidates = ranked;
  if (confidence !== undefined) {
    const kept = ranked.filter((test) => test.mustRun);
    const rest = ranked.filter((test) => !test.mustRun);
    let miss = missProbability(rest);
    while (rest.length > 0 && miss >= 1 - confidence) {
      kept.push(rest.shift() as Ranked);
      miss = missProbability(rest);
    }
    candidates = kept;
  }
  const notes: string[] = [];
  if (options.budgetMs !== undefined) {
    const budget = options.budgetMs;
    let used = 0;
    const fits = candidates.filter((test) => {
      if (used + test.budgetMs > budget) return false;
      used += test.budgetMs;
      return true;
    });
    noteDropped(notes, candidates, fits, `the ${budget} ms budget`);
    candidates = fits;
  }
  if (options.max !== undefined) {
    const capped = candidates.slice(0, options.max);
    noteDropped(notes, candidates, capped, `the maximum of ${options.max}`);
    candidates = capped;
  }
  const chosen = new Set(candidates.map((test) => test.file));
  const skippedTests = ranked.filter((test) => !chosen.has(test.file));
  const tests = candidates.map((test) => {
    const out = strip(test);
    if (out.evidence.length === 0) {
      out.evidence.push({
        kind: 'history',
        detail: `no link to the change; kept at estimated failure probability ${test.probability.toPrecision(2)}`,
      });
    }
    return out;
  });
  const selection: Omit<Selection, 'ranking' | 'observations'> = {
    tests,
    skipped: skippedTests
      .map((test) => ({ file: test.file, probability: test.probability }))
      .sort((a, b) => b.probability - a.probability || a.file.localeCompare(b.file)),
    all: skippedTests.length === 0 && total > 0,
    estimatedMissProbability: missProbability(skippedTests),
  };
  if (notes.length > 0) selection.reason = notes.join('; ');
  return selection;
}

function noteDropped(notes: string[], before: Ranked[], after: Ranked[], limit: string): void {
  const kept = new Set(after.map((test) => test.file));
  const dropped = before.filter((test) => test.mustRun && !kept.has(test.file)).length;
  if (dropped > 0) notes.push(`${limit} left out ${dropped} must-run test${dropped === 1 ? '' : 's'}`);
}

function missProbability(skipped: readonly { probability: number }[]): number {
  return 1 - skipped.reduce((acc, test) => acc * (1 - test.probability), 1);
}

function strip(test: Ranked): SelectedTest {
  return {
    file: test.file,
    mustRun: test.mustRun,
    probability: test.probability,
    estimatedMs: test.estimatedMs,
    evidence: [...test.evidence],
  };
}

/** The global input that changed, if any (checked on both sides of a rename). */
function globalChange(changed: readonly ChangedFile[], patterns: readonly string[]): string | undefined {
  for (const file of changed) {
    for (const path of [file.path, file.oldPath]) {
      if (path !== undefined && matchGlobalInput(path, patterns) !== undefined) return path;
    }
  }
  return undefined;
}

/** Changed code files no coverage explains, when there is no import graph to fall back on. */
function uncoveredCode(
  tests: readonly string[],
  changed: readonly ChangedFile[],
  input: SelectTestsInput,
): string[] {
  return filesWithoutCoverage(tests, changed, input.impact).filter((file) => CODE_FILE.test(file));
}

/** The median of the known median durations: the guess for a test with no history. */
function durationFallback(stats: Map<string, TestStats>): number {
  const known = [...stats.values()]
    .map((entry) => entry.medianDurationMs)
    .filter((ms): ms is number => ms !== undefined)
    .sort((a, b) => a - b);
  return known.length === 0 ? UNKNOWN_DURATION_MS : (known[Math.floor(known.length / 2)] as number);
}

function validate(options: SelectOptions): void {
  const { confidence, budgetMs, max, riskScore } = options;
  if (confidence !== undefined && !(confidence > 0 && confidence <= 1)) {
    throw new CaraError('USAGE', `--confidence must be above 0 and at most 1, got ${confidence}.`);
  }
  if (budgetMs !== undefined && !(budgetMs >= 0)) {
    throw new CaraError('USAGE', `--budget must be a duration of 0 or more, got ${budgetMs} ms.`);
  }
  if (max !== undefined && !(Number.isInteger(max) && max >= 0)) {
    throw new CaraError('USAGE', `--max must be a whole number of 0 or more, got ${max}.`);
  }
  if (riskScore !== undefined && !(riskScore >= 0 && riskScore <= 1)) {
    throw new CaraError('USAGE', `The risk score must be between 0 and 1, got ${riskScore}.`);
  }
}

function normalize(path: string): string {
  return path.replaceAll('\\', '/').replace(/^\.\//, '');
}

function normalizeChange(file: ChangedFile): ChangedFile {
  const out: ChangedFile = { path: normalize(file.path), status: file.status };
  if (file.oldPath !== undefined) out.oldPath = normalize(file.oldPath);
  if (file.changedLines !== undefined) out.changedLines = file.changedLines;
  if (file.oldLines !== undefined) out.oldLines = file.oldLines;
  return out;
}
