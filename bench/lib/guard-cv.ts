import {
  createGuard,
  type LabelledText,
  serializeGuardParams,
  trainGuard,
} from '../../src/security/guard/index.js';
import { seededRandom } from './random.js';

/** Accuracy, precision, recall and F1 with 'injection' as the positive class. */
export interface GuardMetrics {
  samples: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

/** Metrics of predicted labels against the truth. */
export function metricsOf(truth: readonly number[], predicted: readonly number[]): GuardMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const [i, label] of truth.entries()) {
    const p = predicted[i] ?? 0;
    if (label === 1 && p === 1) tp++;
    else if (label === 0 && p === 1) fp++;
    else if (label === 1) fn++;
    else tn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return {
    samples: truth.length,
    accuracy: truth.length > 0 ? (tp + tn) / truth.length : 0,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
  };
}

/** Splits row indices into k folds, each with the same share of injections (seeded shuffle). */
export function stratifiedFolds(rows: readonly LabelledText[], k: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  for (const label of [0, 1]) {
    const indices = rows.flatMap((row, i) => (row.label === label ? [i] : []));
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j] ?? 0, indices[i] ?? 0];
    }
    for (const [n, index] of indices.entries()) folds[n % k]?.push(index);
  }
  return folds;
}

export interface CrossValidation {
  metrics: GuardMetrics;
  perFold: GuardMetrics[];
  /** Rows of the held-out folds the model got wrong, for reading. */
  errors: { text: string; label: number; score: number }[];
}

/**
 * k-fold cross-validation: each fold is scored by a guard trained on the other folds plus the
 * extra rows (our corpus), through the shipped serialisation so quantisation is included.
 */
export function crossValidate(
  rows: readonly LabelledText[],
  extra: readonly LabelledText[],
  options: { folds: number; seed: number; l2?: number; iterations?: number },
): CrossValidation {
  const folds = stratifiedFolds(rows, options.folds, options.seed);
  const truth: number[] = [];
  const predicted: number[] = [];
  const perFold: GuardMetrics[] = [];
  const errors: CrossValidation['errors'] = [];
  for (const [f, fold] of folds.entries()) {
    const held = new Set(fold);
    const train = [...rows.filter((_, i) => !held.has(i)), ...extra];
    const trained = trainGuard(train, {
      ...(options.l2 === undefined ? {} : { l2: options.l2 }),
      ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
      sources: [`fold ${f + 1}`],
    });
    const guard = createGuard(serializeGuardParams(trained));
    const foldTruth: number[] = [];
    const foldPredicted: number[] = [];
    for (const index of fold) {
      const row = rows[index];
      if (row === undefined) continue;
      const verdict = guard.classify(row.text);
      const p = verdict.label === 'injection' ? 1 : 0;
      foldTruth.push(row.label);
      foldPredicted.push(p);
      if (p !== row.label) errors.push({ text: row.text, label: row.label, score: verdict.score });
    }
    truth.push(...foldTruth);
    predicted.push(...foldPredicted);
    perFold.push(metricsOf(foldTruth, foldPredicted));
  }
  return { metrics: metricsOf(truth, predicted), perFold, errors };
}
