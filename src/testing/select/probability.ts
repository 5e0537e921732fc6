import type { SelectionEvidence, TestStats } from './types.js';

/** Below this many recorded runs a test's history is too thin to use: the structural prior decides. */
export const MIN_RUNS = 5;
/** Pseudo-runs of the base rate that shrink a short history toward it. */
const SHRINK_RUNS = 10;
const BASE_FAILURE_RATE = 0.02;
/** Co-failures that make a test as likely to fail as not when the same file changes again. */
const CO_FAILURE_HALF = 2;

export interface FailureEstimate {
  probability: number;
  evidence: SelectionEvidence[];
}

/**
 * Estimated probability that a test fails on a change, as a noisy-OR of independent causes:
 *
 *   p = 1 - (1 - p_structure) * (1 - p_rate) * (1 - p_co)
 *
 * - p_structure: noisy-OR over the changed files of the structural prior (`PRIOR` in evidence.ts:
 *   changed test 0.6, covers the changed lines 0.5, file-level coverage 0.3, import closure only
 *   0.3 / distance, runs the file but not the lines 0.002, imports but never runs it 0.002, unrelated at
 *   most 0.001 each and 0.01 shared by all unrelated tests);
 * - p_rate: the recent failure rate shrunk toward 2% by 10 pseudo-runs, `(r * n + 0.02 * 10) / (n + 10)`;
 * - p_co: for each changed file with c co-failures, `c / (c + 2)`, combined by noisy-OR.
 *
 * p_rate and p_co are used only with at least {@link MIN_RUNS} runs of history, so a thin history falls back
 * to the structural prior (graph distance and coverage). A risk score R in 0..1 scales the hazard
 * `-ln(1 - p)` by `0.5 + R` (neutral at 0.5): riskier changes make every test likelier to fail.
 */
export function estimateFailure(
  priors: readonly number[],
  stats: TestStats | undefined,
  changedFiles: readonly string[],
  riskScore: number | undefined,
): FailureEstimate {
  const evidence: SelectionEvidence[] = [];
  let survive = priors.reduce((acc, prior) => acc * (1 - prior), 1);
  if (stats !== undefined && stats.runs >= MIN_RUNS) {
    const rate = clamp01(stats.recentFailureRate);
    survive *= 1 - (rate * stats.runs + BASE_FAILURE_RATE * SHRINK_RUNS) / (stats.runs + SHRINK_RUNS);
    if (stats.failures > 0) {
      evidence.push({
        kind: 'history',
        detail: `failed ${stats.failures} of ${stats.runs} recorded runs (recent failure rate ${percent(rate)})`,
      });
    }
    for (const file of changedFiles) {
      const co = stats.coFailure?.[file] ?? 0;
      if (co <= 0) continue;
      survive *= 1 - co / (co + CO_FAILURE_HALF);
      evidence.push({
        kind: 'history',
        detail: `failed ${co} time${co === 1 ? '' : 's'} when ${file} changed`,
      });
    }
  }
  let probability = 1 - survive;
  if (riskScore !== undefined && probability < 1) {
    const hazard = -Math.log(1 - probability) * (0.5 + clamp01(riskScore));
    probability = 1 - Math.exp(-hazard);
  }
  return { probability: clamp01(probability), evidence };
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function percent(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}
