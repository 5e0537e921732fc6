import { describe, expect, it } from 'vitest';
import { collapse, covers, mergeToken } from './merge.js';

describe('mergeToken', () => {
  it.each([
    ['equal tokens', 'state=up', 'state=up', 'state=up'],
    ['a wildcard on either side', '<*>', 'x', '<*>'],
    ['values after the same key', 'name=com.a.b', 'name=org.c', 'name=<*>'],
    ['values in brackets', '(alpha)', '(beta)', '(<*>)'],
    ['quoted values', '"GET', '"POST', '"<*>'],
    ['a shared name before a dot', 'dcbf.<*>', 'dcbx.<*>', '<*>'],
    ['tokens with nothing in common', 'num=<*>,flags=<*>', 'topActivity=x', '<*>'],
  ])('merges %s', (_case, a, b, merged) => {
    expect(mergeToken(a, b)).toBe(merged);
  });
});

describe('collapse', () => {
  it('joins wildcards separated by a dot or nothing', () => {
    expect(collapse('<*>.<*>.<*>')).toBe('<*>');
    expect(collapse('v<*><*>')).toBe('v<*>');
    expect(collapse('<*>-<*>')).toBe('<*>-<*>');
  });
});

describe('covers', () => {
  it('matches wildcards inside a token', () => {
    expect(covers('b=<*>', 'b=7')).toBe(true);
    expect(covers('b=<*>', 'c=7')).toBe(false);
    expect(covers('<*>:<*>:<*>', '<*>:<*>:<*>')).toBe(true);
    expect(covers('node-<*>', 'node-')).toBe(true);
    expect(covers('x', 'y')).toBe(false);
  });
});
