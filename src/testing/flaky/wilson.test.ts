import { describe, expect, it } from 'vitest';
import { normalQuantile, wilsonInterval } from './wilson.js';

describe('wilsonInterval', () => {
  // Textbook Wilson score values, z = 1.959963984540054 (95%) and 2.5758293035489 (99%).
  it.each([
    [0, 10, 0, 0.277532799863],
    [5, 10, 0.236593090513, 0.763406909487],
    [10, 10, 0.722467200137, 1],
    [1, 10, 0.017876213095, 0.404150026795],
    [1, 5, 0.036224108632, 0.624465370237],
  ])('%i of %i at 95%% matches the formula', (successes, n, low, high) => {
    const interval = wilsonInterval(successes, n);
    expect(interval.low).toBeCloseTo(low, 6);
    expect(interval.high).toBeCloseTo(high, 6);
  });

  it('widens with confidence', () => {
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 6);
    const at95 = wilsonInterval(5, 10, 0.95);
    const at99 = wilsonInterval(5, 10, 0.99);
    expect(at99.low).toBeLessThan(at95.low);
    expect(at99.high).toBeGreaterThan(at95.high);
  });

  it('knows nothing from no sample and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(/confidence/);
  });
});
