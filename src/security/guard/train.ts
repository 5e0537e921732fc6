import { createHash } from 'node:crypto';
import { createFeaturizer, type SparseVector } from './features.js';
import { normalizeText } from './normalize.js';
import { RULE_IDS, ruleHits } from './rules.js';
import type { FeatureSpec, GuardParams, LabelledText, TrainGuardOptions } from './types.js';

/** Version of the parameter file this code writes and reads. */
export const FORMAT_VERSION = 1;

/** The feature space of the shipped model. */
export const DEFAULT_SPEC: FeatureSpec = {
  buckets: 2 ** 15,
  charNgrams: [3, 5],
  wordNgrams: [1, 2],
  rules: RULE_IDS,
};

const DEFAULTS = { l2: 3e-5, iterations: 400, threshold: 0.5 };

/**
 * Trains the guard: L2-regularised logistic regression over hashed n-gram and rule features, by
 * Nesterov-accelerated full-batch gradient descent with classes weighted to balance. Deterministic:
 * the same rows and options give the same parameters, bit for bit.
 */
export function trainGuard(rows: readonly LabelledText[], options: TrainGuardOptions = {}): GuardParams {
  const { l2, iterations, threshold } = { ...DEFAULTS, ...options };
  const spec = DEFAULT_SPEC;
  const dim = spec.buckets + spec.rules.length;
  const featurize = createFeaturizer(spec);
  const vectors = rows.map((row) => {
    const normalized = normalizeText(row.text);
    return featurize(normalized.text, ruleHits(normalized));
  });
  const positives = rows.filter((row) => row.label === 1).length;
  const negatives = rows.length - positives;
  if (positives === 0 || negatives === 0)
    throw new RangeError('training needs both injections and benign prompts');
  const classWeight = [rows.length / (2 * negatives), rows.length / (2 * positives)];
  const sampleWeights = rows.map((row) => (classWeight[row.label] ?? 1) / rows.length);

  let weights = new Float64Array(dim + 1); // bias last
  let previous = new Float64Array(dim + 1);
  const lookahead = new Float64Array(dim + 1);
  const gradient = new Float64Array(dim + 1);
  const step = 1.5;
  for (let t = 1; t <= iterations; t++) {
    const momentum = (t - 1) / (t + 2);
    for (let i = 0; i <= dim; i++)
      lookahead[i] = (weights[i] ?? 0) + momentum * ((weights[i] ?? 0) - (previous[i] ?? 0));
    computeGradient(lookahead, vectors, rows, sampleWeights, l2, gradient);
    previous = weights;
    weights = new Float64Array(dim + 1);
    for (let i = 0; i <= dim; i++) weights[i] = (lookahead[i] ?? 0) - step * (gradient[i] ?? 0);
  }
  return {
    format: 'cara-guard-model',
    formatVersion: FORMAT_VERSION,
    spec,
    weights: weights.subarray(0, dim),
    bias: weights[dim] ?? 0,
    threshold,
    trainedOn: {
      samples: rows.length,
      injections: positives,
      digest: digestOf(rows),
      sources: options.sources ?? [],
    },
  };
}

function computeGradient(
  w: Float64Array,
  vectors: readonly SparseVector[],
  rows: readonly LabelledText[],
  sampleWeights: readonly number[],
  l2: number,
  out: Float64Array,
): void {
  const bias = w.length - 1;
  for (let i = 0; i < bias; i++) out[i] = l2 * (w[i] ?? 0);
  out[bias] = 0;
  for (const [n, vector] of vectors.entries()) {
    let z = w[bias] ?? 0;
    for (let k = 0; k < vector.indices.length; k++)
      z += (w[vector.indices[k] ?? 0] ?? 0) * (vector.values[k] ?? 0);
    const residual = (1 / (1 + Math.exp(-z)) - (rows[n]?.label ?? 0)) * (sampleWeights[n] ?? 0);
    for (let k = 0; k < vector.indices.length; k++) {
      const index = vector.indices[k] ?? 0;
      out[index] = (out[index] ?? 0) + residual * (vector.values[k] ?? 0);
    }
    out[bias] = (out[bias] ?? 0) + residual;
  }
}

/** A short digest of the training rows, recorded in the parameters to tell stale from fresh. */
export function digestOf(rows: readonly LabelledText[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(`${row.label}\u0000${row.text}\u0001`);
  return hash.digest('hex').slice(0, 16);
}
