import { describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import type { BackendPool } from './types.js';
import { validateBackends } from './validate.js';

const a = { url: 'http://127.0.0.1:4001' };
const b = { url: 'http://127.0.0.1:4002' };

function rejection(pools: unknown): CaraError {
  try {
    validateBackends(pools as BackendPool[]);
  } catch (error) {
    if (error instanceof CaraError) return error;
    throw error;
  }
  throw new Error('expected the backends to be rejected');
}

describe('validateBackends', () => {
  it('accepts integer weights summing to 100 and normalises URLs to origins', () => {
    const pools = validateBackends([
      { version: 'v1', weight: 90, instances: [{ url: 'http://127.0.0.1:4001/' }] },
      { version: 'v2', weight: 10, instances: [b] },
      { version: 'v0', weight: 0, instances: [] },
    ]);
    expect(pools.map((p) => p.instances.map((i) => i.url))).toEqual([[a.url], [b.url], []]);
  });

  it.each([
    ['a sum other than 100', [{ version: 'v1', weight: 90, instances: [a] }], /sum to 100, got 90 \(v1=90\)/],
    ['a fractional weight', [{ version: 'v1', weight: 99.5, instances: [a] }], /backends\[0\]\.weight/],
    [
      'a negative weight',
      [
        { version: 'v1', weight: 101, instances: [a] },
        { version: 'v2', weight: -1, instances: [b] },
      ],
      /backends\[0\]\.weight/,
    ],
    ['a string weight', [{ version: 'v1', weight: '100', instances: [a] }], /integer 0\.\.100/],
    [
      'a repeated version',
      [
        { version: 'v1', weight: 50, instances: [a] },
        { version: 'v1', weight: 50, instances: [b] },
      ],
      /backends\[1\]\.version repeats/,
    ],
    [
      'a repeated URL',
      [
        { version: 'v1', weight: 50, instances: [a] },
        { version: 'v2', weight: 50, instances: [a] },
      ],
      /backends\[1\]\.instances\[0\]\.url repeats/,
    ],
    ['an https URL', [{ version: 'v1', weight: 100, instances: [{ url: 'https://x:1' }] }], /must use http:/],
    [
      'a URL with a path',
      [{ version: 'v1', weight: 100, instances: [{ url: 'http://x:1/api' }] }],
      /without path/,
    ],
    ['not a URL', [{ version: 'v1', weight: 100, instances: [{ url: 'localhost' }] }], /is not a URL/],
    ['weight without instances', [{ version: 'v1', weight: 100, instances: [] }], /is empty but version/],
    ['no versions', [], /at least one version/],
  ])('rejects %s with a USAGE error naming the field', (_name, pools, message) => {
    const error = rejection(pools);
    expect(error.code).toBe('USAGE');
    expect(error.message).toMatch(message);
  });
});
