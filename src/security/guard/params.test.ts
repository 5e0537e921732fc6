import { describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import shipped from './guard-model.json' with { type: 'json' };
import { loadGuardParams, serializeGuardParams } from './params.js';

const damage = (patch: Record<string, unknown>) => ({ ...shipped, ...patch });

function codeOf(json: unknown): string | undefined {
  try {
    loadGuardParams(json);
    return undefined;
  } catch (error) {
    return error instanceof CaraError ? error.code : 'not a CaraError';
  }
}

describe('loadGuardParams', () => {
  it('round-trips the shipped parameters exactly', () => {
    const params = loadGuardParams(shipped);
    expect(serializeGuardParams(params)).toEqual(shipped);
  });

  it.each([
    ['another format', damage({ format: 'something-else' })],
    ['another version', damage({ formatVersion: 99 })],
    ['truncated weights', damage({ weights: shipped.weights.slice(0, 1000) })],
    ['weights that are not base64', damage({ weights: '!!!' })],
    ['a bias that is not a number', damage({ bias: 'high' })],
    ['a threshold outside (0, 1)', damage({ threshold: 1.5 })],
    ['buckets that are not a power of two', damage({ spec: { ...shipped.spec, buckets: 1000 } })],
    ['a missing spec', damage({ spec: undefined })],
    ['a zero scale', damage({ scale: 0 })],
    ['an array', []],
  ])('rejects %s with MODEL_INVALID', (_, json) => {
    expect(codeOf(json)).toBe('MODEL_INVALID');
  });
});
