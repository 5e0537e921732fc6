import { type InputSpec, inputTransformed, inputValue, parseInput } from './features.js';
import { sigmoid } from './logistic.js';
import { gbtContributions, gbtScore } from './trees.js';
import type { ComponentParams, Factor, RiskModel, SerializedModel } from './types.js';

/** The JSON layout this code reads and writes. Bump it with every change to `SerializedModel`. */
export const FORMAT_VERSION = 1;

/**
 * Builds the scoring functions from parameters. Trained and loaded models both go through here, so
 * a JSON round trip cannot change a prediction.
 */
export function modelFromParams(params: SerializedModel): RiskModel {
  const specs = params.inputs.map(parseInput);
  const d = specs.length;
  const { mean, std } = params.standardizer;
  const slope = params.calibration.method === 'platt' ? params.calibration.slope : 1;
  const shift = params.calibration.method === 'platt' ? params.calibration.intercept : 0;

  const transform = (features: Record<string, number>): Float64Array =>
    Float64Array.from(specs, (spec) => inputTransformed(spec, features));
  const standardize = (row: Float64Array): Float64Array =>
    row.map((v, j) => (v - (mean[j] ?? 0)) / (std[j] ?? 1));

  const rawScore = (features: Record<string, number>): number => {
    const row = transform(features);
    const z = standardize(row);
    let score = 0;
    for (const component of params.components) score += component.weight * componentScore(component, row, z);
    return score;
  };

  let base = 0;
  for (const component of params.components) base += component.weight * componentBase(component, d);
  const baseLogit = slope * base + shift;

  const logit = (features: Record<string, number>): number => slope * rawScore(features) + shift;

  return {
    kind: params.kind,
    formatVersion: params.formatVersion,
    featureNames: [...params.featureNames],
    trainedOn: { ...params.trainedOn },
    baseLogit,
    predict: (features) => sigmoid(logit(features)),
    logit,
    explain(features) {
      const row = transform(features);
      const z = standardize(row);
      const total = new Float64Array(d);
      for (const component of params.components) {
        const parts = componentContributions(component, row, z, d);
        parts.forEach((c, j) => {
          total[j] = (total[j] ?? 0) + slope * component.weight * c;
        });
      }
      return factors(specs, features, total);
    },
    toJSON: () => structuredClone(params),
  };
}

function componentScore(component: ComponentParams, row: Float64Array, z: Float64Array): number {
  if (component.type === 'gbt') return gbtScore(component, row);
  let s = component.intercept;
  component.coef.forEach((c, j) => {
    s += c * (z[j] ?? 0);
  });
  return s;
}

/** The component's log-odds for a change at the training mean (the trees' root expectation). */
function componentBase(component: ComponentParams, d: number): number {
  if (component.type === 'logistic') return component.intercept;
  return gbtContributions(component, new Float64Array(d), d).expected;
}

function componentContributions(
  component: ComponentParams,
  row: Float64Array,
  z: Float64Array,
  d: number,
): Float64Array {
  // Standardised inputs have training mean 0, so coef * z is the shift from the mean change.
  if (component.type === 'logistic') return Float64Array.from(component.coef, (c, j) => c * (z[j] ?? 0));
  return gbtContributions(component, row, d).contributions;
}

function factors(
  specs: readonly InputSpec[],
  features: Record<string, number>,
  total: Float64Array,
): Factor[] {
  return specs
    .map((spec, j): Factor => {
      const contribution = total[j] ?? 0;
      return {
        feature: spec.label,
        value: inputValue(spec, features),
        contribution,
        direction: contribution > 0 ? 'raises' : 'lowers',
      };
    })
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}
