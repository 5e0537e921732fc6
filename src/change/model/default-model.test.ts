import { describe, expect, it } from 'vitest';
import { loadDefaultModel } from './default-model.js';
import { KAMEI_FEATURES } from './features.js';

const small = { ns: 1, nd: 1, nf: 1, entropy: 0, la: 2, ld: 1, lt: 300, fix: 0, ndev: 3, age: 30 };
const experienced = { nuc: 5, exp: 2_000, rexp: 300, sexp: 400 };

describe('the default model', () => {
  const model = loadDefaultModel();

  it('loads, says what it was trained on, and scores a change', () => {
    expect(model.featureNames).toEqual([...KAMEI_FEATURES]);
    expect(model.trainedOn.source).toMatch(/qt/);
    expect(model.trainedOn.samples).toBeGreaterThan(50_000);
    const p = model.predict({ ...small, ...experienced });
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });

  it('rates a sprawling change above a two-line one, and says why', () => {
    const large = { ...small, ns: 3, nd: 9, nf: 40, entropy: 4.8, la: 2_400, ld: 600, lt: 9_000 };
    const sprawling = { ...large, ...experienced };
    expect(model.predict(sprawling)).toBeGreaterThan(model.predict({ ...small, ...experienced }) + 0.1);
    const [top] = model.explain(sprawling);
    expect(top?.direction).toBe('raises');
    expect(['la', 'ld', 'nf', 'nd', 'ns', 'entropy', 'lt', 'la/lt', 'ld/lt', 'lt/nf']).toContain(
      top?.feature,
    );
  });
});
