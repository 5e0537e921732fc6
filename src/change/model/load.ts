import { RiskModelError } from './errors.js';
import { parseInput } from './features.js';
import { FORMAT_VERSION, modelFromParams } from './model.js';
import type { ComponentParams, ModelKind, RiskModel, SerializedModel } from './types.js';

const KINDS: readonly ModelKind[] = ['logistic-l2', 'gbt', 'ensemble'];
const RETRAIN = 'retrain it with `cara risk train` (the default model ships with cara and needs no action)';

/**
 * Validates a serialized model and rebuilds it. A model written by another format version or of an
 * unknown kind throws `MODEL_INCOMPATIBLE` naming both versions; a damaged one `MODEL_INVALID`
 * naming the field.
 */
export function loadRiskModel(json: unknown): RiskModel {
  const model = record(json, 'model');
  if (model.format !== 'cara-risk-model') {
    throw new RiskModelError('MODEL_INVALID', 'not a cara risk model: "format" is not "cara-risk-model"', {
      hint: RETRAIN,
    });
  }
  if (model.formatVersion !== FORMAT_VERSION) {
    throw new RiskModelError(
      'MODEL_INCOMPATIBLE',
      `the risk model has formatVersion ${JSON.stringify(model.formatVersion)}, but this version of cara ` +
        `reads formatVersion ${FORMAT_VERSION}; ${RETRAIN}`,
      { hint: RETRAIN },
    );
  }
  if (!KINDS.includes(model.kind as ModelKind)) {
    throw new RiskModelError(
      'MODEL_INCOMPATIBLE',
      `the risk model is of kind ${JSON.stringify(model.kind)}, which this version of cara cannot score ` +
        `(it knows ${KINDS.join(', ')}); ${RETRAIN}`,
      { hint: RETRAIN },
    );
  }
  const inputs = strings(model.inputs, 'inputs');
  for (const name of inputs) parseInput(name);
  const d = inputs.length;
  const standardizer = record(model.standardizer, 'standardizer');
  const trainedOn = record(model.trainedOn, 'trainedOn');
  const calibration = record(model.calibration, 'calibration');
  if (calibration.method === 'platt') {
    finite(calibration.slope, 'calibration.slope');
    finite(calibration.intercept, 'calibration.intercept');
  } else if (calibration.method !== 'none') invalid('calibration.method', 'is not "platt" or "none"');
  if (!Array.isArray(model.components) || model.components.length === 0) {
    invalid('components', 'is not a non-empty list');
  }
  const params: SerializedModel = {
    format: 'cara-risk-model',
    formatVersion: FORMAT_VERSION,
    kind: model.kind as ModelKind,
    featureNames: strings(model.featureNames, 'featureNames'),
    inputs,
    trainedOn: {
      samples: finite(trainedOn.samples, 'trainedOn.samples'),
      positives: finite(trainedOn.positives, 'trainedOn.positives'),
      from: finite(trainedOn.from, 'trainedOn.from'),
      to: finite(trainedOn.to, 'trainedOn.to'),
      source:
        typeof trainedOn.source === 'string' ? trainedOn.source : invalid('trainedOn.source', 'is not text'),
    },
    standardizer: {
      mean: numbers(standardizer.mean, 'standardizer.mean', d),
      std: numbers(standardizer.std, 'standardizer.std', d),
    },
    components: (model.components as unknown[]).map((c, i) => component(c, `components[${i}]`, d)),
    calibration: calibration as SerializedModel['calibration'],
  };
  if (params.standardizer.std.some((s) => s <= 0))
    invalid('standardizer.std', 'has a value that is not positive');
  if (model.options !== undefined) params.options = record(model.options, 'options');
  return modelFromParams(params);
}

function component(value: unknown, at: string, d: number): ComponentParams {
  const c = record(value, at);
  const weight = finite(c.weight, `${at}.weight`);
  if (c.type === 'logistic') {
    return {
      type: 'logistic',
      weight,
      intercept: finite(c.intercept, `${at}.intercept`),
      coef: numbers(c.coef, `${at}.coef`, d),
    };
  }
  if (c.type !== 'gbt') return invalid(`${at}.type`, 'is not "logistic" or "gbt"');
  if (!Array.isArray(c.trees)) return invalid(`${at}.trees`, 'is not a list');
  const trees = c.trees.map((t: unknown, k) => {
    const where = `${at}.trees[${k}]`;
    const tree = record(t, where);
    const feature = numbers(tree.feature, `${where}.feature`);
    const size = feature.length;
    if (size === 0) invalid(where, 'has no nodes');
    feature.forEach((f, node) => {
      if (f >= 0 && (!Number.isInteger(f) || f >= d || 2 * node + 2 >= size)) {
        invalid(`${where}.feature[${node}]`, 'is not a valid input index of a node with children');
      }
    });
    return {
      feature,
      threshold: numbers(tree.threshold, `${where}.threshold`, size),
      value: numbers(tree.value, `${where}.value`, size),
    };
  });
  return { type: 'gbt', weight, base: finite(c.base, `${at}.base`), trees };
}

function record(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return invalid(at, 'is not an object');
  return value as Record<string, unknown>;
}

function finite(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return invalid(at, 'is not a finite number');
  return value;
}

function numbers(value: unknown, at: string, length?: number): number[] {
  if (!Array.isArray(value)) return invalid(at, 'is not a list');
  if (length !== undefined && value.length !== length) {
    return invalid(at, `has ${value.length} entries, expected ${length}`);
  }
  return value.map((v, i) => finite(v, `${at}[${i}]`));
}

function strings(value: unknown, at: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    return invalid(at, 'is not a list of text');
  return value as string[];
}

function invalid(at: string, problem: string): never {
  throw new RiskModelError('MODEL_INVALID', `risk model field "${at}" ${problem}`, { hint: RETRAIN });
}
