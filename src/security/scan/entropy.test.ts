import { describe, expect, it } from 'vitest';
import { entropyThreshold, isHighEntropyToken, shannonEntropy, tokenAlphabet } from './entropy.js';

describe('entropy', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBeCloseTo(1);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4);
  });

  it('tells the alphabets apart', () => {
    expect(tokenAlphabet('deadbeef01')).toBe('hex');
    expect(tokenAlphabet('aGVsbG8gd29ybGQ=')).toBe('base64');
    expect(tokenAlphabet('not base64!')).toBe('other');
  });

  it('lowers the bar for short tokens, never above what the alphabet allows', () => {
    expect(entropyThreshold('base64', 20)).toBeLessThan(Math.log2(20));
    expect(entropyThreshold('base64', 200)).toBe(4.3);
    expect(entropyThreshold('hex', 64)).toBe(3.3);
  });

  it('accepts random tokens and rejects words, repeats and short strings', () => {
    expect(isHighEntropyToken(['q9Z3xLm0Pv7R', 't2Wb8Ky4Nc6Hd1Fg5Js'].join(''))).toBe(true);
    expect(isHighEntropyToken('ThisIsAVeryLongIdentifierName42')).toBe(false);
    expect(isHighEntropyToken('Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1')).toBe(false);
    expect(isHighEntropyToken('q9Z3xLm0Pv')).toBe(false);
    expect(isHighEntropyToken('0000000000000000000000000000000000')).toBe(false);
  });
});
