import {
  DEFAULT_TRAIN_OPTIONS,
  evaluateTimeOrdered,
  type TrainOptions,
  timeOrderedSplit,
  trainRiskModel,
} from '../../src/change/model/index.js';
import type { JitProject } from './jit-data.js';

/** The candidates the defaults were chosen from (docs/risk-model.md); one setting for every project. */
export const CANDIDATES: Record<string, TrainOptions> = {
  'logistic-l2': { kind: 'logistic-l2', halfLifeDays: 0 },
  'logistic-l2, half-life 180 d': { kind: 'logistic-l2', halfLifeDays: 180 },
  'gbt, half-life 180 d': { kind: 'gbt', halfLifeDays: 180 },
  'ensemble, no recency': { kind: 'ensemble', halfLifeDays: 0 },
  'ensemble, half-life 365 d': { kind: 'ensemble', halfLifeDays: 365 },
  'ensemble, half-life 180 d (default)': { ...DEFAULT_TRAIN_OPTIONS },
  'ensemble, 14 log features only': {
    kind: 'ensemble',
    inputs: [
      ...['ns', 'nd', 'nf', 'la', 'ld', 'lt', 'ndev', 'age', 'nuc', 'exp', 'rexp', 'sexp'].map(
        (f) => `log1p(${f})`,
      ),
      'entropy',
      'fix',
    ],
  },
  'ensemble, no calibration refit': { kind: 'ensemble', refit: false },
};

export interface TuningRow {
  candidate: string;
  /** Validation AUC per project: the mean of two folds, both inside that project's training part. */
  auc: Record<string, number>;
  mean: number;
}

/**
 * Scores every candidate on each project's training part only (its oldest 80%), in two time-ordered
 * folds: train on the oldest 48% of the project and validate on the next 16%, then train on the
 * oldest 64% and validate on the next 16%. The test part (the newest 20%) is never read, so
 * choosing on this cannot leak into the benchmark.
 */
export function tuneOnTrainingParts(
  projects: readonly JitProject[],
  onProgress: (line: string) => void,
): TuningRow[] {
  return Object.entries(CANDIDATES).map(([candidate, options]) => {
    const auc: Record<string, number> = {};
    for (const project of projects) {
      const { train } = timeOrderedSplit(project.samples);
      const inner = evaluateTimeOrdered(train, (t) => trainRiskModel(t, options)).auc;
      const earlier = evaluateTimeOrdered(
        train.slice(0, Math.round(train.length * 0.8)),
        (t) => trainRiskModel(t, options),
        { trainFraction: 0.75 },
      ).auc;
      auc[project.name] = (inner + earlier) / 2;
    }
    const values = Object.values(auc);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    onProgress(`  ${candidate}: ${mean.toFixed(4)}`);
    return { candidate, auc, mean };
  });
}
