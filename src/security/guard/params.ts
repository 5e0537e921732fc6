import { CaraError } from '../../core/errors.js';
import { FORMAT_VERSION } from './train.js';
import type { FeatureSpec, GuardParams } from './types.js';

/** The JSON form of {@link GuardParams}: weights quantised to int16 and base64-encoded. */
export interface SerializedGuardParams {
  format: 'cara-guard-model';
  formatVersion: number;
  spec: FeatureSpec;
  bias: number;
  threshold: number;
  /** Multiply a stored int16 by this to get the weight. */
  scale: number;
  /** Little-endian int16 weights, one per bucket then one per rule, base64. */
  weights: string;
  trainedOn: GuardParams['trainedOn'];
}

const INT16_MAX = 32_767;
const HINT = 'rebuild it with `npx tsx scripts/train-guard.ts`';
const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Parameters as the JSON that ships: int16 weights keep the file small (64 KB of weights at 2^15). */
export function serializeGuardParams(params: GuardParams): SerializedGuardParams {
  let maxAbs = 0;
  for (const w of params.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs > 0 ? Number((maxAbs / INT16_MAX).toPrecision(8)) : 1;
  const quantised = new Int16Array(params.weights.length);
  for (const [i, w] of params.weights.entries()) quantised[i] = Math.round(w / scale);
  return {
    format: params.format,
    formatVersion: params.formatVersion,
    spec: { ...params.spec, rules: [...params.spec.rules] },
    bias: round(params.bias, 6),
    threshold: params.threshold,
    scale,
    weights: Buffer.from(quantised.buffer, quantised.byteOffset, quantised.byteLength).toString('base64'),
    trainedOn: params.trainedOn,
  };
}

/**
 * Validates serialized parameters and rebuilds them. Anything damaged or of another format throws
 * CaraError('MODEL_INVALID') naming the field, so a corrupt file never scores prompts silently.
 */
export function loadGuardParams(json: unknown): GuardParams {
  const raw = record(json, 'parameters');
  if (raw.format !== 'cara-guard-model') invalid('format', 'is not "cara-guard-model"');
  if (raw.formatVersion !== FORMAT_VERSION)
    invalid('formatVersion', `is ${JSON.stringify(raw.formatVersion)}, this code reads ${FORMAT_VERSION}`);
  const spec = record(raw.spec, 'spec');
  const buckets = finite(spec.buckets, 'spec.buckets');
  if (!Number.isInteger(buckets) || buckets < 2 || (buckets & (buckets - 1)) !== 0)
    invalid('spec.buckets', 'is not a power of two');
  const rules = spec.rules;
  if (!Array.isArray(rules) || !rules.every((r) => typeof r === 'string'))
    invalid('spec.rules', 'is not a list of ids');
  const scale = finite(raw.scale, 'scale');
  if (scale <= 0) invalid('scale', 'is not positive');
  if (typeof raw.weights !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(raw.weights))
    invalid('weights', 'is not base64');
  const bytes = Buffer.from(raw.weights, 'base64');
  const expected = (buckets + rules.length) * 2;
  if (bytes.length !== expected) invalid('weights', `holds ${bytes.length} bytes, expected ${expected}`);
  const weights = new Float64Array(buckets + rules.length);
  for (let i = 0; i < weights.length; i++) weights[i] = bytes.readInt16LE(i * 2) * scale;
  const trainedOn = record(raw.trainedOn, 'trainedOn');
  const threshold = finite(raw.threshold, 'threshold');
  if (threshold <= 0 || threshold >= 1) invalid('threshold', 'is not between 0 and 1');
  return {
    format: 'cara-guard-model',
    formatVersion: FORMAT_VERSION,
    spec: {
      buckets,
      charNgrams: range(spec.charNgrams, 'spec.charNgrams'),
      wordNgrams: range(spec.wordNgrams, 'spec.wordNgrams'),
      rules: rules as string[],
    },
    weights,
    bias: finite(raw.bias, 'bias'),
    threshold,
    trainedOn: {
      samples: finite(trainedOn.samples, 'trainedOn.samples'),
      injections: finite(trainedOn.injections, 'trainedOn.injections'),
      digest:
        typeof trainedOn.digest === 'string' ? trainedOn.digest : invalid('trainedOn.digest', 'is not text'),
      sources: Array.isArray(trainedOn.sources) ? trainedOn.sources.map(String) : [],
    },
  };
}

function invalid(field: string, problem: string): never {
  throw new CaraError(
    'MODEL_INVALID',
    `the prompt-injection guard parameters are damaged: "${field}" ${problem}`,
    {
      hint: HINT,
    },
  );
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, 'is not an object');
  return value as Record<string, unknown>;
}

function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(field, 'is not a finite number');
  return value;
}

function range(value: unknown, field: string): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) invalid(field, 'is not a [min, max] pair');
  const [min, max] = [finite(value[0], field), finite(value[1], field)];
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min || max > 8)
    invalid(field, 'is not a range of whole numbers from 1 to 8');
  return [min, max];
}
