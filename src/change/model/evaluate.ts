import { RiskModelError } from './errors.js';
import { auc, brierScore, calibrationCurve, logLoss, precisionAtBands } from './metrics.js';
import type { Evaluation, RiskModel, Sample } from './types.js';

export interface TimeOrderedSplitOptions {
  /** Share of the samples, oldest first, to train on (default 0.8). */
  trainFraction?: number;
}

export interface EvaluateOptions extends TimeOrderedSplitOptions {
  /** Probability bands (e.g. the config's medium and high thresholds) to report precision at. */
  bands?: readonly { band: string; min: number }[];
}

/**
 * Sorts by commit time and cuts once: the oldest `trainFraction` train, the rest test. Changes
 * sharing the cut's timestamp all go to the training side's end or all to the test side, so the
 * newest training change is never later than the oldest test change.
 */
export function timeOrderedSplit<T extends { time: number }>(
  samples: readonly T[],
  options: TimeOrderedSplitOptions = {},
): { train: T[]; test: T[] } {
  const fraction = options.trainFraction ?? 0.8;
  if (!(fraction > 0 && fraction < 1)) {
    throw new RangeError(`trainFraction must be between 0 and 1 (exclusive), got ${fraction}`);
  }
  const sorted = [...samples].sort((a, b) => a.time - b.time);
  let cut = Math.round(sorted.length * fraction);
  // Keep equal timestamps together: move the cut back to the first change of its second.
  while (cut > 0 && cut < sorted.length && sorted[cut - 1]?.time === sorted[cut]?.time) cut--;
  return { train: sorted.slice(0, cut), test: sorted.slice(cut) };
}

/**
 * Trains on the past and scores the future: a time-ordered split (`timeOrderedSplit`), `train`
 * sees only the older part, and AUC, Brier score, log-loss and a reliability curve are measured
 * on the newer part. Never trains on the future.
 */
export function evaluateTimeOrdered(
  samples: readonly Sample[],
  train: (samples: readonly Sample[]) => RiskModel,
  options: EvaluateOptions = {},
): Evaluation {
  const { train: past, test: future } = timeOrderedSplit(samples, options);
  if (past.length === 0 || future.length === 0) {
    throw new RiskModelError(
      'TRAINING_DATA',
      `a time-ordered evaluation needs changes on both sides of the cut, got ${past.length} and ${future.length}`,
    );
  }
  const model = train(past);
  return evaluateOn(model, future, past.length, options.bands);
}

/** Scores `model` on `test` (changes it never saw). */
export function evaluateOn(
  model: RiskModel,
  test: readonly Sample[],
  trainSize: number,
  bands?: readonly { band: string; min: number }[],
): Evaluation {
  const probabilities = test.map((s) => model.predict(s.features));
  const labels = test.map((s) => s.label);
  const evaluation: Evaluation = {
    auc: auc(probabilities, labels),
    brier: brierScore(probabilities, labels),
    logLoss: logLoss(probabilities, labels),
    trainSize,
    testSize: test.length,
    positivesTest: labels.filter((y) => y === 1).length,
    calibration: calibrationCurve(probabilities, labels),
  };
  if (bands) evaluation.precisionAtBand = precisionAtBands(probabilities, labels, bands);
  return evaluation;
}
