import { z } from 'zod';
import { auc, fitLogistic, logLoss, sigmoid } from '../../change/index.js';
import { CaraError } from '../../core/errors.js';
import { FAILURE_FEATURES } from './feature-names.js';

/** One observed (test, change) pair: its features when selected and whether the test then failed. */
export interface TrainingRow {
  runId: string;
  /** Epoch ms of the run, for the time-ordered evaluation. */
  at: number;
  features: number[];
  /** The hand-made estimate the selection used, kept to compare the model against. */
  prior: number;
  failed: 0 | 1;
}

/** How the model did on the newest quarter of the runs when trained on the older ones. */
export interface FailureModelEvaluation {
  holdoutRows: number;
  holdoutFailures: number;
  /** Null when the holdout has no failure (or only failures). */
  auc: number | null;
  logLoss: number;
  /** The same figures for the hand-made structural estimate, on the same rows. */
  priorAuc: number | null;
  priorLogLoss: number;
}

const modelSchema = z.strictObject({
  kind: z.literal('test-failure'),
  version: z.literal(1),
  features: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  intercept: z.number(),
  coef: z.array(z.number()),
  rows: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  runs: z.number().int().nonnegative(),
  trainedAt: z.string(),
  updates: z.number().int().nonnegative(),
  evaluation: z
    .strictObject({
      holdoutRows: z.number(),
      holdoutFailures: z.number(),
      auc: z.number().nullable(),
      logLoss: z.number(),
      priorAuc: z.number().nullable(),
      priorLogLoss: z.number(),
    })
    .optional(),
});

/** Logistic regression over standardised {@link FAILURE_FEATURES}: P(test fails | change). */
export type FailureModel = z.output<typeof modelSchema>;

/** Below these the history is too thin to learn from: selection keeps the structural estimate. */
export const MIN_MODEL_ROWS = 200;
export const MIN_MODEL_FAILURES = 5;
const L2 = 0.01;
/** Step of the per-run stochastic-gradient update, on standardised inputs. */
const UPDATE_RATE = 0.02;

/** Is the model trained on enough history to rank tests? */
export function usableModel(model: FailureModel | undefined): model is FailureModel {
  return model !== undefined && model.rows >= MIN_MODEL_ROWS && model.failures >= MIN_MODEL_FAILURES;
}

/** The model's probability that a test with these features fails. */
export function predictFailure(model: FailureModel, features: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < model.coef.length; j++) {
    z += (model.coef[j] ?? 0) * (((features[j] ?? 0) - (model.mean[j] ?? 0)) / (model.scale[j] ?? 1));
  }
  return sigmoid(z);
}

/**
 * Fits the model on every row (L2 logistic regression by Newton's method, unweighted so that the
 * probabilities stay calibrated for the confidence cut), after measuring it on a time-ordered split:
 * trained on the older three quarters of the runs, scored on the newest quarter.
 */
export function trainFailureModel(rows: readonly TrainingRow[], trainedAt: string): FailureModel {
  if (rows.length === 0) {
    throw new CaraError('TRAINING_DATA', 'No recorded test runs with selection features to learn from.', {
      hint: 'run `cara test run` a few times first; every run records what the model learns from',
    });
  }
  const model = fitModel(rows, trainedAt);
  const evaluation = evaluate(rows, trainedAt);
  return evaluation === undefined ? model : { ...model, evaluation };
}

/**
 * Nudges the model with one stochastic-gradient pass over a new run's rows: cheap enough for every
 * `cara test run`, while `cara test learn` refits from the whole history.
 */
export function updateFailureModel(model: FailureModel, rows: readonly TrainingRow[]): FailureModel {
  const coef = [...model.coef];
  let intercept = model.intercept;
  for (const row of rows) {
    const x = row.features.map((v, j) => (v - (model.mean[j] ?? 0)) / (model.scale[j] ?? 1));
    const error = predictFailure({ ...model, coef, intercept }, row.features) - row.failed;
    intercept -= UPDATE_RATE * error;
    for (let j = 0; j < coef.length; j++) {
      coef[j] = (coef[j] ?? 0) - UPDATE_RATE * (error * (x[j] ?? 0) + (L2 * (coef[j] ?? 0)) / model.rows);
    }
  }
  const runs = new Set(rows.map((row) => row.runId)).size;
  return {
    ...model,
    coef,
    intercept,
    rows: model.rows + rows.length,
    failures: model.failures + rows.filter((row) => row.failed === 1).length,
    runs: model.runs + runs,
    updates: model.updates + 1,
  };
}

/** Reads a stored model; a damaged or foreign one is refused with what to do. */
export function parseFailureModel(json: unknown): FailureModel {
  const parsed = modelSchema.safeParse(json);
  const sameShape =
    parsed.success &&
    parsed.data.features.join(',') === FAILURE_FEATURES.join(',') &&
    parsed.data.coef.length === FAILURE_FEATURES.length &&
    parsed.data.mean.length === FAILURE_FEATURES.length &&
    parsed.data.scale.length === FAILURE_FEATURES.length;
  if (!parsed.success || !sameShape) {
    throw new CaraError(
      'MODEL_INVALID',
      'The stored test-failure model is damaged or from another version.',
      {
        hint: 'run `cara test learn` to retrain it from the recorded history',
      },
    );
  }
  return parsed.data;
}

function fitModel(rows: readonly TrainingRow[], trainedAt: string): FailureModel {
  const d = FAILURE_FEATURES.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) + (row.features[j] ?? 0);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) / rows.length;
  for (const row of rows) {
    for (let j = 0; j < d; j++) scale[j] = (scale[j] ?? 0) + ((row.features[j] ?? 0) - (mean[j] ?? 0)) ** 2;
  }
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt((scale[j] ?? 0) / rows.length);
    scale[j] = sd > 1e-9 ? sd : 1;
  }
  const x = new Float64Array(rows.length * d);
  rows.forEach((row, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = ((row.features[j] ?? 0) - (mean[j] ?? 0)) / (scale[j] ?? 1);
  });
  const y = rows.map((row) => row.failed);
  const result = fitLogistic(x, rows.length, d, y, { l2: L2 });
  return {
    kind: 'test-failure',
    version: 1,
    features: [...FAILURE_FEATURES],
    mean,
    scale,
    intercept: result.intercept,
    coef: [...result.coef],
    rows: rows.length,
    failures: y.filter((v) => v === 1).length,
    runs: new Set(rows.map((row) => row.runId)).size,
    trainedAt,
    updates: 0,
  };
}

function evaluate(rows: readonly TrainingRow[], trainedAt: string): FailureModelEvaluation | undefined {
  const runs = [...new Map(rows.map((row) => [row.runId, row.at])).entries()].sort((a, b) => a[1] - b[1]);
  if (runs.length < 4) return undefined;
  const holdoutRuns = new Set(runs.slice(Math.floor(runs.length * 0.75)).map(([id]) => id));
  const train = rows.filter((row) => !holdoutRuns.has(row.runId));
  const test = rows.filter((row) => holdoutRuns.has(row.runId));
  if (!train.some((row) => row.failed === 1)) return undefined;
  const model = fitModel(train, trainedAt);
  const labels = test.map((row) => row.failed);
  const predicted = test.map((row) => predictFailure(model, row.features));
  const priors = test.map((row) => row.prior);
  return {
    holdoutRows: test.length,
    holdoutFailures: labels.filter((v) => v === 1).length,
    auc: finiteOrNull(auc(predicted, labels)),
    logLoss: logLoss(predicted, labels),
    priorAuc: finiteOrNull(auc(priors, labels)),
    priorLogLoss: logLoss(priors, labels),
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
