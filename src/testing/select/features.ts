import type { StructuralFinding } from './evidence.js';
import { FAILURE_FEATURES } from './feature-names.js';
import type { TestStats } from './types.js';

export { FAILURE_FEATURES, type FailureFeature } from './feature-names.js';

const SHRINK_RUNS = 10;
const BASE_FAILURE_RATE = 0.02;
const CO_FAILURE_HALF = 2;
const DAY_MS = 86_400_000;

export interface FeatureContext {
  finding: StructuralFinding;
  stats: TestStats | undefined;
  changedFiles: readonly string[];
  riskScore: number | undefined;
  /** Epoch ms of the selection, for the test's age. */
  now: number | undefined;
}

/** The feature row of one test against one change, in {@link FAILURE_FEATURES} order. */
export function failureFeatures(context: FeatureContext): number[] {
  const { finding, stats } = context;
  const structural = finding.priors.reduce((acc, prior) => acc * (1 - prior), 1);
  const kinds = new Set(finding.evidence.map((entry) => entry.kind));
  const covers = finding.mustRun && kinds.has('coverage');
  const closureOnly =
    finding.mustRun && !covers && kinds.has('import-closure') && finding.distance !== undefined
      ? 1 / Math.max(1, finding.distance)
      : 0;
  const runs = stats?.runs ?? 0;
  const rate = stats === undefined ? 0 : clamp01(stats.recentFailureRate);
  let coFailure = 0;
  for (const file of context.changedFiles) {
    const count = stats?.coFailure?.[file] ?? 0;
    coFailure = Math.max(coFailure, count / (count + CO_FAILURE_HALF));
  }
  const ageDays =
    stats?.firstRunAt !== undefined && context.now !== undefined
      ? Math.max(0, (context.now - stats.firstRunAt) / DAY_MS)
      : 0;
  return [
    -Math.log(Math.max(structural, 1e-9)),
    covers ? 1 : 0,
    kinds.has('changed-test') ? 1 : 0,
    closureOnly,
    (rate * runs + BASE_FAILURE_RATE * SHRINK_RUNS) / (runs + SHRINK_RUNS),
    coFailure,
    Math.log1p(runs),
    context.riskScore === undefined ? 0.5 : clamp01(context.riskScore),
    Math.log1p((stats?.medianDurationMs ?? 0) / 1000),
    Math.log1p(ageDays),
  ];
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
