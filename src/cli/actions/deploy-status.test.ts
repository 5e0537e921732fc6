import { describe, expect, it } from 'vitest';
import { sparkline } from './deploy-status.js';

describe('sparkline', () => {
  it('draws one bar per bucket, scaled to the fullest', () => {
    expect(sparkline([0, 1, 4, 8, 2, 0])).toBe(' ▁▄█▂ ');
    expect(sparkline([0, 0])).toBe('');
  });
});
