import { RiskModelError } from './errors.js';
import { designMatrix, ENGINEERED_INPUTS, KAMEI_FEATURES, parseInput } from './features.js';
import { fitLogistic } from './logistic.js';
import { FORMAT_VERSION, modelFromParams } from './model.js';
import { DEFAULT_GBT, fitGbt } from './trees.js';
import type {
  CalibrationParams,
  ComponentParams,
  GbtOptions,
  ModelKind,
  RiskModel,
  Sample,
  SerializedModel,
  TrainOptions,
} from './types.js';

/**
 * The defaults every project gets; chosen once on time-ordered validation inside the training
 * parts (see docs/risk-model.md), never on a test part and never per project.
 */
export const DEFAULT_TRAIN_OPTIONS = {
  kind: 'ensemble' as ModelKind,
  l2: 0.01,
  logisticWeight: 0.5,
  classWeights: true,
  halfLifeDays: 180,
  calibration: 'platt' as 'platt' | 'none',
  calibrationFraction: 0.15,
  refit: true,
  seed: 1,
  source: 'unknown',
};

const MIN_SAMPLES = 20;

/**
 * Trains a calibrated risk model on labelled changes: log/ratio inputs, standardisation and class
 * weights fitted on the training rows, then Platt scaling fitted on the newest `calibrationFraction`
 * of them (held out from the fit, so calibration sees the model's out-of-sample scores).
 */
export function trainRiskModel(samples: readonly Sample[], options: TrainOptions = {}): RiskModel {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const gbt: GbtOptions = { ...DEFAULT_GBT, ...options.gbt };
  const inputs = [...(options.inputs ?? ENGINEERED_INPUTS)];
  checkOptions(o, gbt);
  const sorted = checkSamples(samples);
  const first = sorted[0]?.time ?? 0;
  const last = sorted[sorted.length - 1]?.time ?? 0;
  const params = (rows: readonly Sample[], calibration: CalibrationParams): SerializedModel => ({
    format: 'cara-risk-model',
    formatVersion: FORMAT_VERSION,
    kind: o.kind,
    featureNames: [...KAMEI_FEATURES],
    inputs,
    trainedOn: {
      samples: sorted.length,
      positives: sorted.filter((s) => s.label === 1).length,
      from: first,
      to: last,
      source: o.source,
    },
    ...fitComponents(rows, inputs, o, gbt),
    calibration,
    options: recordedOptions(o, gbt),
  });

  const holdOut = o.calibration === 'platt' ? Math.floor(sorted.length * o.calibrationFraction) : 0;
  if (holdOut < 10) return modelFromParams(params(sorted, { method: 'none' }));
  const older = sorted.slice(0, sorted.length - holdOut);
  const newest = sorted.slice(sorted.length - holdOut);
  checkClasses(older, 'the changes left for fitting after the calibration hold-out');
  const uncalibrated = modelFromParams(params(older, { method: 'none' }));
  const platt = fitPlatt(
    newest.map((s) => uncalibrated.logit(s.features)),
    newest.map((s) => s.label),
  );
  // Refit on everything: the newest changes carry the most signal about the near future, and the
  // scale of the log-odds hardly moves between the two fits, so the calibration carries over.
  return modelFromParams(params(o.refit ? sorted : older, platt));
}

function fitComponents(
  rows: readonly Sample[],
  inputs: readonly string[],
  o: typeof DEFAULT_TRAIN_OPTIONS,
  gbt: GbtOptions,
): Pick<SerializedModel, 'standardizer' | 'components'> {
  const specs = inputs.map(parseInput);
  const n = rows.length;
  const d = specs.length;
  const x = designMatrix(specs, rows);
  const { mean, std } = fitStandardizer(x, n, d);
  const z = x.map((v, k) => (v - (mean[k % d] ?? 0)) / (std[k % d] ?? 1));
  const y = Float64Array.from(rows, (s) => s.label);
  const weights = sampleWeights(rows, o.classWeights, o.halfLifeDays);
  const components: ComponentParams[] = [];
  const logisticWeight = o.kind === 'ensemble' ? o.logisticWeight : o.kind === 'logistic-l2' ? 1 : 0;
  if (logisticWeight > 0) {
    const fit = fitLogistic(z, n, d, y, { l2: o.l2, weights });
    components.push({
      type: 'logistic',
      weight: logisticWeight,
      intercept: fit.intercept,
      coef: [...fit.coef],
    });
  }
  if (logisticWeight < 1) {
    const fit = fitGbt(x, n, d, y, weights, gbt, o.seed);
    components.push({ type: 'gbt', weight: 1 - logisticWeight, base: fit.base, trees: fit.trees });
  }
  return { standardizer: { mean: [...mean], std: [...std] }, components };
}

/**
 * Platt scaling: a one-input logistic regression of the outcome on the raw log-odds, with Platt's
 * smoothed targets so that a small or one-sided hold-out cannot produce infinite slopes.
 */
export function fitPlatt(scores: readonly number[], labels: readonly (0 | 1)[]): CalibrationParams {
  const positives = labels.filter((y) => y === 1).length;
  const negatives = labels.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const targets = labels.map((y) => (y === 1 ? hi : lo));
  const fit = fitLogistic(Float64Array.from(scores), scores.length, 1, targets, { l2: 0 });
  return { method: 'platt', slope: fit.coef[0] ?? 1, intercept: fit.intercept };
}

function recordedOptions(o: typeof DEFAULT_TRAIN_OPTIONS, gbt: GbtOptions): Record<string, unknown> {
  const {
    kind,
    l2,
    logisticWeight,
    classWeights,
    halfLifeDays,
    calibration,
    calibrationFraction,
    refit,
    seed,
  } = o;
  const record: Record<string, unknown> = { classWeights, halfLifeDays, calibration, seed };
  if (calibration === 'platt') Object.assign(record, { calibrationFraction, refit });
  if (kind !== 'gbt') Object.assign(record, { l2 });
  if (kind === 'ensemble') Object.assign(record, { logisticWeight });
  if (kind !== 'logistic-l2') Object.assign(record, { gbt });
  return record;
}

function fitStandardizer(x: Float64Array, n: number, d: number): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) + (x[i * d + j] ?? 0) / n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) std[j] = (std[j] ?? 0) + ((x[i * d + j] ?? 0) - (mean[j] ?? 0)) ** 2 / n;
  }
  // A constant input gets scale 1: its standardised value is 0 everywhere and so is its effect.
  return { mean, std: std.map((v) => (v > 1e-24 ? Math.sqrt(v) : 1)) };
}

/**
 * Recency (halving every `halfLifeDays` back from the newest change) times class weights that give
 * both classes the same total; normalised to mean 1 so penalties keep their meaning.
 */
export function sampleWeights(
  rows: readonly Sample[],
  classWeights: boolean,
  halfLifeDays: number,
): Float64Array {
  // A loop, not Math.max(...): spreading 100,000+ arguments overflows the stack.
  const newest = rows.reduce((max, s) => Math.max(max, s.time), Number.NEGATIVE_INFINITY);
  const weights = Float64Array.from(rows, (s) =>
    halfLifeDays > 0 ? 2 ** (-(newest - s.time) / (halfLifeDays * 86_400)) : 1,
  );
  if (classWeights) {
    let positive = 0;
    let total = 0;
    rows.forEach((s, i) => {
      total += weights[i] ?? 0;
      if (s.label === 1) positive += weights[i] ?? 0;
    });
    const scale = [total / (2 * (total - positive)), total / (2 * positive)];
    rows.forEach((s, i) => {
      weights[i] = (weights[i] ?? 0) * (scale[s.label] ?? 1);
    });
  }
  const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
  return weights.map((w) => w / mean);
}

function checkOptions(o: typeof DEFAULT_TRAIN_OPTIONS, gbt: GbtOptions): void {
  const within = (name: string, value: number, min: number, max: number) => {
    if (!(value >= min && value <= max))
      throw new RangeError(`${name} must be in [${min}, ${max}], got ${value}`);
  };
  if (!['logistic-l2', 'gbt', 'ensemble'].includes(o.kind))
    throw new RangeError(`unknown model kind "${o.kind}"`);
  within('l2', o.l2, 0, Number.MAX_VALUE);
  within('logisticWeight', o.logisticWeight, 0, 1);
  within('halfLifeDays', o.halfLifeDays, 0, Number.MAX_VALUE);
  within('calibrationFraction', o.calibrationFraction, 0, 0.9);
  within('gbt.rounds', gbt.rounds, 1, 100_000);
  within('gbt.maxDepth', gbt.maxDepth, 1, 10);
  within('gbt.shrinkage', gbt.shrinkage, Number.MIN_VALUE, 1);
  within('gbt.subsample', gbt.subsample, Number.MIN_VALUE, 1);
  within('gbt.maxBins', gbt.maxBins, 2, 256);
}

function checkSamples(samples: readonly Sample[]): Sample[] {
  if (samples.length < MIN_SAMPLES) {
    throw new RiskModelError(
      'TRAINING_DATA',
      `a risk model needs at least ${MIN_SAMPLES} labelled changes, got ${samples.length}`,
      { hint: 'use the default model until the repository has more labelled history' },
    );
  }
  samples.forEach((s, i) => {
    if (!Number.isFinite(s.time)) {
      throw new RiskModelError('TRAINING_DATA', `sample ${i}${s.id ? ` (${s.id})` : ''} has no valid time`);
    }
  });
  const sorted = [...samples].sort((a, b) => a.time - b.time);
  checkClasses(sorted, 'the training data');
  return sorted;
}

function checkClasses(rows: readonly Sample[], what: string): void {
  const positives = rows.filter((s) => s.label === 1).length;
  if (positives === 0 || positives === rows.length) {
    throw new RiskModelError(
      'TRAINING_DATA',
      `${what} has ${positives === 0 ? 'no bug-introducing' : 'only bug-introducing'} changes; a model needs both`,
      { hint: 'label more history (SZZ) or use the default model' },
    );
  }
}
