import { describe, expect, it } from 'vitest';
import { toPublicConvention } from './features-of-history.js';

describe('toPublicConvention', () => {
  it('counts the change itself where the public data does, and its files for exp', () => {
    const ours = {
      ns: 1,
      nd: 2,
      nf: 3,
      entropy: 1.2,
      la: 10,
      ld: 2,
      lt: 100,
      fix: 0,
      ndev: 0,
      age: 4,
      nuc: 0,
      exp: 5,
      rexp: 2.5,
      sexp: 1,
    };
    expect(toPublicConvention(ours)).toEqual({ ...ours, ndev: 1, nuc: 1, exp: 8, rexp: 3.5, sexp: 2 });
  });

  it('meets the public data minimums for a first change', () => {
    const first = toPublicConvention({ nf: 1, ndev: 0, nuc: 0, exp: 0, rexp: 0, sexp: 0 });
    expect(first.ndev).toBeGreaterThanOrEqual(1);
    expect(first.exp).toBeGreaterThanOrEqual(1);
    expect(first.sexp).toBeGreaterThanOrEqual(1);
  });
});
