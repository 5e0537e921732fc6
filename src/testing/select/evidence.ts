import { formatRanges, type ImpactMap, intersectRanges, mergeRanges } from '../impact/index.js';
import type { ChangedFile, SelectionEvidence } from './types.js';

/**
 * How strongly the structure of the code ties a test to a change, before history: the prior the
 * probability model starts from. See `probability.ts` for how these combine.
 */
export const PRIOR = {
  changedTest: 0.6,
  coverage: 0.5,
  fileLevel: 0.3,
  /**
   * Runs the file, not the changed lines. V8 block coverage says those lines never ran for this
   * test, so they cannot change what it does; what is left is a stale map (code moved since it was
   * taken), the same residual risk as a file the test imports but never runs.
   */
  coversOtherLines: 0.002,
  /** Imports the file (possibly through a barrel) but the map says it never runs it. */
  importsUnexecuted: 0.002,
  /** No map evidence: import closure only, divided by the distance. */
  closure: 0.3,
  /**
   * Not reachable at all (fixtures read from disk, unresolved imports): at most this per test, and
   * {@link UNRELATED_TOTAL} shared by all such tests, so a large suite is not padded with unrelated
   * tests just because each one carries a small chance.
   */
  unrelated: 0.001,
} as const;

/**
 * The chance, shared by every test with no structural link to the change, that one of them fails
 * because of it (a link the graph and the map cannot see). Spread evenly: 0.01 over 500 unrelated
 * tests is 0.00002 each.
 */
export const UNRELATED_TOTAL = 0.01;

/** What the structure says about one test: must it run, how likely it fails, and why. */
export interface StructuralFinding {
  mustRun: boolean;
  /** Per changed file: the prior for this test. */
  priors: number[];
  evidence: SelectionEvidence[];
  /** Shortest import distance to any changed file, when known. */
  distance: number | undefined;
}

interface FileCoverage {
  file: ChangedFile;
  /** Changed line ranges, or undefined for the whole file. */
  lines: [number, number][] | undefined;
  /** Files of the map that stand for this change: the path, and the old path of a rename. */
  keys: string[];
  /** The map has coverage for this file from some test. */
  mapped: boolean;
  /** Some test in the map covers the changed lines. */
  coveredByAny: boolean;
}

/** Decides must-run and priors for every test file against a (non-global) change. */
export function structuralFindings(
  tests: readonly string[],
  changed: readonly ChangedFile[],
  impact: ImpactMap | undefined,
  closures: Map<string, Map<string, number>>,
): Map<string, StructuralFinding> {
  const testSet = new Set(tests);
  const sources = changed.filter((file) => !testSet.has(file.path));
  const coverage = sources.map((file) => fileCoverage(file, impact));
  const findings = new Map<string, StructuralFinding>();
  for (const test of tests) {
    const finding: StructuralFinding = {
      mustRun: false,
      priors: [],
      evidence: [],
      distance: undefined,
    };
    if (changed.some((file) => file.path === test && file.status !== 'deleted')) {
      finding.mustRun = true;
      finding.priors.push(PRIOR.changedTest);
      finding.evidence.push({ kind: 'changed-test', detail: `${test} changed itself` });
    }
    for (const entry of coverage) {
      const distance = closures.get(entry.file.path)?.get(test);
      if (distance !== undefined) finding.distance = Math.min(finding.distance ?? distance, distance);
      judge(finding, test, entry, impact, distance);
    }
    findings.set(test, finding);
  }
  return findings;
}

function judge(
  finding: StructuralFinding,
  test: string,
  entry: FileCoverage,
  impact: ImpactMap | undefined,
  distance: number | undefined,
): void {
  const path = entry.file.path;
  const ranges = impact?.tests[test];
  if (ranges !== undefined && entry.mapped) {
    const fileLevel = entry.keys.find((key) => impact?.fileLevel?.[test]?.includes(key) && ranges[key]);
    const hit = entry.keys.flatMap((key) => hitLines(ranges[key], key === path ? entry.lines : undefined));
    if (fileLevel !== undefined) {
      finding.mustRun = true;
      finding.priors.push(PRIOR.fileLevel);
      finding.evidence.push({
        kind: 'coverage',
        detail: `runs ${fileLevel}, which changed (file-level coverage: no line map for transformed code)`,
      });
      return;
    }
    if (hit.length > 0) {
      finding.mustRun = true;
      finding.priors.push(PRIOR.coverage);
      const what = entry.lines === undefined ? 'changed' : `${linesText(mergeRanges(hit))} changed`;
      finding.evidence.push({ kind: 'coverage', detail: `covers ${path} ${what}` });
      return;
    }
    if (entry.coveredByAny) {
      const runsFile = entry.keys.some((key) => ranges[key] !== undefined);
      if (runsFile) {
        finding.priors.push(PRIOR.coversOtherLines);
        finding.evidence.push({ kind: 'coverage', detail: `runs ${path} but not its changed lines` });
      } else if (distance !== undefined && distance > 0) {
        finding.priors.push(PRIOR.importsUnexecuted);
        finding.evidence.push({
          kind: 'import-closure',
          detail: `imports ${path} (distance ${distance}) but the impact map says it never runs it`,
        });
      } else finding.priors.push(PRIOR.unrelated);
      return;
    }
  }
  if (distance === undefined || distance === 0) {
    finding.priors.push(PRIOR.unrelated);
    return;
  }
  finding.mustRun = true;
  finding.priors.push(PRIOR.closure / distance);
  const why =
    ranges === undefined
      ? 'the impact map has no coverage for this test'
      : !entry.mapped
        ? `the impact map has no coverage of ${path}`
        : `no test in the impact map covers its changed ${linesText(entry.lines ?? [])}`;
  finding.evidence.push({
    kind: 'import-closure',
    detail: `imports ${path} (distance ${distance}); ${why}`,
  });
}

/** Changed source files that have no line-level coverage evidence: the import closure has to decide. */
export function filesWithoutCoverage(
  tests: readonly string[],
  changed: readonly ChangedFile[],
  impact: ImpactMap | undefined,
): string[] {
  const testSet = new Set(tests);
  return changed
    .filter((file) => !testSet.has(file.path))
    .map((file) => fileCoverage(file, impact))
    .filter((entry) => !entry.coveredByAny)
    .map((entry) => entry.file.path);
}

function fileCoverage(file: ChangedFile, impact: ImpactMap | undefined): FileCoverage {
  const keys = [
    file.path,
    ...(file.oldPath !== undefined && file.oldPath !== file.path ? [file.oldPath] : []),
  ];
  const changedLines =
    file.oldLines !== undefined && file.oldLines.length > 0 ? file.oldLines : file.changedLines;
  const whole = file.status === 'deleted' || changedLines === undefined || changedLines.length === 0;
  const lines = whole ? undefined : mergeRanges(changedLines ?? []);
  let mapped = false;
  let coveredByAny = false;
  for (const ranges of Object.values(impact?.tests ?? {})) {
    for (const key of keys) {
      const covered = ranges[key];
      if (covered === undefined) continue;
      mapped = true;
      if (hitLines(covered, key === file.path ? lines : undefined).length > 0) coveredByAny = true;
    }
  }
  return { file, lines, keys, mapped, coveredByAny };
}

/** The changed lines a test covers; with no line list (whole file changed), everything it covers. */
function hitLines(
  covered: [number, number][] | undefined,
  changed: [number, number][] | undefined,
): [number, number][] {
  if (covered === undefined) return [];
  return changed === undefined ? covered : intersectRanges(covered, changed);
}

/** `line 4` or `lines 2-3, 9`. */
function linesText(ranges: readonly (readonly [number, number])[]): string {
  const single = ranges.length === 1 && ranges[0]?.[0] === ranges[0]?.[1];
  return `${single ? 'line' : 'lines'} ${formatRanges(ranges)}`;
}
