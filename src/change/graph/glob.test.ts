import { describe, expect, it } from 'vitest';
import { globBase, globToRegExp, isGlob } from './glob.js';

describe('globToRegExp', () => {
  it.each([
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/deep/er/a.ts', true],
    ['src/**/*.ts', 'lib/a.ts', false],
    ['src/*.ts', 'src/deep/a.ts', false],
    ['src/*.{ts,tsx}', 'src/view.tsx', true],
    ['src/*.{ts,tsx}', 'src/view.js', false],
    ['packages/*/src', 'packages/shared/src/ids.ts', true],
    ['test/?.spec.ts', 'test/a.spec.ts', true],
    ['test/?.spec.ts', 'test/ab.spec.ts', false],
    ['src/a.b', 'src/aXb', false],
    ['**', 'anything/at/all.ts', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(globToRegExp(pattern).test(path)).toBe(expected);
  });

  it('tells globs from plain paths and finds where a walk for one starts', () => {
    expect(isGlob('src/util')).toBe(false);
    expect(isGlob('src/**')).toBe(true);
    expect(globBase('packages/*/src/**/*.ts')).toBe('packages');
    expect(globBase('src/util/*.ts')).toBe('src/util');
    expect(globBase('*.ts')).toBe('');
  });
});
