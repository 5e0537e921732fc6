import { KAMEI_FEATURES, type KameiFeature } from '../features/features.js';
import { RiskModelError } from './errors.js';

export { KAMEI_FEATURES, type KameiFeature };

/**
 * The model inputs used by default: log1p of every skewed count, entropy and fix as they are, and
 * Kamei's relative churn (la/lt, ld/lt, lt/nf, nuc/nf), also log-transformed.
 */
export const ENGINEERED_INPUTS: readonly string[] = [
  ...KAMEI_FEATURES.map((name) => (name === 'entropy' || name === 'fix' ? name : `log1p(${name})`)),
  'log1p(la/lt)',
  'log1p(ld/lt)',
  'log1p(lt/nf)',
  'log1p(nuc/nf)',
];

/** The 14 features untransformed: the plain logistic-regression baseline of the literature. */
export const RAW_INPUTS: readonly string[] = [...KAMEI_FEATURES];

/**
 * One model input, parsed from its name: `feature`, `a/b` (denominator floored at 1, so a new
 * file's `la/lt` stays finite), either optionally wrapped in `log1p(...)`.
 */
export interface InputSpec {
  name: string;
  /** The quantity an explanation reports: `la`, or `la/lt` (before the log transform). */
  label: string;
  numerator: string;
  denominator: string | undefined;
  log: boolean;
}

const KNOWN = new Set<string>(KAMEI_FEATURES);

/** Parses an input name; an unknown feature or a malformed name throws `MODEL_INVALID`. */
export function parseInput(name: string): InputSpec {
  const wrapped = /^log1p\((.+)\)$/.exec(name);
  const label = wrapped?.[1] ?? name;
  const [numerator = '', denominator, ...rest] = label.split('/');
  for (const part of [numerator, denominator]) {
    if (part !== undefined && !KNOWN.has(part)) {
      throw new RiskModelError(
        'MODEL_INVALID',
        `unknown model input "${name}": "${part}" is not a Kamei feature`,
        {
          hint: `inputs are built from ${KAMEI_FEATURES.join(', ')}`,
        },
      );
    }
  }
  if (rest.length > 0)
    throw new RiskModelError('MODEL_INVALID', `model input "${name}" has more than one "/"`);
  return { name, label, numerator, denominator, log: wrapped !== null };
}

/** The input's value before the log transform (what an explanation shows). */
export function inputValue(spec: InputSpec, features: Record<string, number>): number {
  const top = readFeature(features, spec.numerator);
  if (spec.denominator === undefined) return top;
  return top / Math.max(1, readFeature(features, spec.denominator));
}

/** The input as the model sees it: `inputValue`, log1p'd when asked (negatives clamp to 0). */
export function inputTransformed(spec: InputSpec, features: Record<string, number>): number {
  const value = inputValue(spec, features);
  return spec.log ? Math.log1p(Math.max(0, value)) : value;
}

function readFeature(features: Record<string, number>, name: string): number {
  const value = features[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RiskModelError(
      'DATA_INVALID',
      value === undefined
        ? `change features lack "${name}"`
        : `change feature "${name}" is ${String(value)}, not a finite number`,
      { hint: `a change needs all of Kamei's features: ${KAMEI_FEATURES.join(', ')}` },
    );
  }
  return value;
}

/** Transforms samples into a row-major matrix (n x inputs.length). */
export function designMatrix(
  specs: readonly InputSpec[],
  rows: readonly { features: Record<string, number> }[],
): Float64Array {
  const d = specs.length;
  const out = new Float64Array(rows.length * d);
  rows.forEach((row, i) => {
    specs.forEach((spec, j) => {
      out[i * d + j] = inputTransformed(spec, row.features);
    });
  });
  return out;
}
