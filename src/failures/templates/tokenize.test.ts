import { describe, expect, it } from 'vitest';
import { MAX_TOKENS, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('splits on runs of whitespace and ignores the ends', () => {
    expect(tokenize('  a  b\tc \r\n')).toEqual(['a', 'b', 'c']);
  });

  it('returns nothing for an empty or blank line', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \t ')).toEqual([]);
  });

  it(`caps a very long line at ${MAX_TOKENS} tokens, the last standing for the rest`, () => {
    const line = Array.from({ length: 10_000 }, (_, i) => `w${i}`).join(' ');
    const tokens = tokenize(line);
    expect(tokens).toHaveLength(MAX_TOKENS);
    expect(tokens[MAX_TOKENS - 2]).toBe(`w${MAX_TOKENS - 2}`);
    expect(tokens.at(-1)).toBe('<*>');
  });

  it('keeps a line of exactly the cap whole', () => {
    const words = Array.from({ length: MAX_TOKENS }, (_, i) => `w${i}`);
    expect(tokenize(words.join(' '))).toEqual(words);
  });
});
