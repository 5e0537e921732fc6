import { describe, expect, it } from 'vitest';
import { RiskModelError } from './errors.js';
import { loadRiskModel } from './load.js';
import { FORMAT_VERSION } from './model.js';
import { syntheticChanges } from './testing/synthetic.js';
import { trainRiskModel } from './train.js';
import type { ModelKind } from './types.js';

const samples = syntheticChanges(3_000, 17);
const probe = syntheticChanges(50, 99).map((s) => s.features);
const quickGbt = { rounds: 40 };

describe.each<ModelKind>(['logistic-l2', 'gbt', 'ensemble'])('a %s model', (kind) => {
  const model = trainRiskModel(samples, { kind, gbt: quickGbt, source: 'synthetic' });

  it('predicts the same after a JSON round trip', () => {
    const loaded = loadRiskModel(JSON.parse(JSON.stringify(model)));
    expect(loaded.kind).toBe(kind);
    expect(loaded.trainedOn).toEqual(model.trainedOn);
    for (const features of probe) expect(loaded.predict(features)).toBe(model.predict(features));
    expect(loaded.explain(probe[0] ?? {})).toEqual(model.explain(probe[0] ?? {}));
  });

  it('explains a score as contributions that add up to its log-odds', () => {
    for (const features of probe) {
      const factors = model.explain(features);
      const sum = factors.reduce((total, f) => total + f.contribution, model.baseLogit);
      expect(sum).toBeCloseTo(model.logit(features), 9);
      const sizes = factors.map((f) => Math.abs(f.contribution));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      for (const f of factors) expect(f.direction).toBe(f.contribution > 0 ? 'raises' : 'lowers');
    }
  });

  it('is deterministic for the same data and seed', () => {
    const again = trainRiskModel(samples, { kind, gbt: quickGbt, source: 'synthetic' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
  });
});

describe('explanations of the logistic model', () => {
  it('credit each input with coef * (standardised value - training mean)', () => {
    const model = trainRiskModel(samples, { kind: 'logistic-l2' });
    const json = model.toJSON();
    const lr = json.components[0];
    if (lr?.type !== 'logistic') throw new Error('expected a logistic component');
    const features = probe[0] ?? {};
    const la = model.explain(features).find((f) => f.feature === 'la');
    const j = json.inputs.indexOf('log1p(la)');
    const z =
      (Math.log1p(features.la ?? 0) - (json.standardizer.mean[j] ?? 0)) / (json.standardizer.std[j] ?? 1);
    const slope = json.calibration.method === 'platt' ? json.calibration.slope : 1;
    expect(la?.value).toBe(features.la);
    expect(la?.contribution).toBeCloseTo(slope * (lr.coef[j] ?? 0) * z, 12);
    // The synthetic truth: more lines added, more risk.
    expect(lr.coef[j]).toBeGreaterThan(0);
  });
});

describe('loadRiskModel', () => {
  const json = trainRiskModel(samples, { kind: 'logistic-l2' }).toJSON();

  it('refuses a model from another format version and says to retrain', () => {
    const error = catchError(() => loadRiskModel({ ...json, formatVersion: 99 }));
    expect(error).toBeInstanceOf(RiskModelError);
    expect(error).toMatchObject({ code: 'MODEL_INCOMPATIBLE' });
    expect(error.message).toContain('formatVersion 99');
    expect(error.message).toContain(`formatVersion ${FORMAT_VERSION}`);
    expect(error.message).toMatch(/retrain/);
  });

  it('refuses a kind it cannot score', () => {
    expect(() => loadRiskModel({ ...json, kind: 'transformer' })).toThrow(/kind "transformer".*retrain/);
  });

  it('names the damaged field', () => {
    const broken = { ...json, standardizer: { ...json.standardizer, mean: [1, 2] } };
    expect(() => loadRiskModel(broken)).toThrow(/"standardizer.mean" has 2 entries, expected 18/);
    expect(() => loadRiskModel({ ...json, inputs: [...json.inputs.slice(1), 'log1p(loc)'] })).toThrow(
      /"loc" is not a Kamei feature/,
    );
    expect(() => loadRiskModel('model')).toThrow(/not an object/);
  });

  it('refuses to score a change that lacks a feature', () => {
    const model = loadRiskModel(json);
    const { la: _, ...partial } = probe[0] ?? {};
    expect(() => model.predict(partial)).toThrow(/lack "la"/);
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an error');
}
