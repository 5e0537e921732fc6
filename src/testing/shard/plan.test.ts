import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/index.js';
import { githubMatrix, planShards, type ShardItem, shardFor } from './plan.js';

/** 60 test files with log-normal durations (median ~2 s, a few over 15 s), like a real suite. */
function skewedSuite(seed: number): ShardItem[] {
  const random = seededRandom(seed);
  return Array.from({ length: 60 }, (_, i) => {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return {
      id: `test/file-${String(i).padStart(2, '0')}.test.ts`,
      durationMs: Math.round(2000 * Math.exp(0.9 * normal)),
    };
  });
}

describe('planShards', () => {
  it.each([2, 3, 4, 6])('balances 60 skewed files into %i shards within 10%%', (total) => {
    const items = skewedSuite(42);
    const plan = planShards(items, total);
    expect(plan.imbalance).toBeLessThan(0.1);
    const assigned = plan.shards.flatMap((shard) => shard.items).sort();
    expect(assigned).toEqual(items.map((item) => item.id).sort());
    const sum = plan.shards.reduce((acc, shard) => acc + shard.durationMs, 0);
    expect(sum).toBe(items.reduce((acc, item) => acc + (item.durationMs ?? 0), 0));
  });

  it('is deterministic whatever the input order', () => {
    const items = skewedSuite(3);
    const reversed = [...items].reverse();
    expect(planShards(reversed, 4)).toEqual(planShards(items, 4));
  });

  it('puts the longest first and breaks ties by id', () => {
    const items = [
      { id: 'b', durationMs: 5 },
      { id: 'a', durationMs: 5 },
      { id: 'c', durationMs: 9 },
    ];
    expect(planShards(items, 2).shards).toEqual([
      { index: 0, items: ['c'], durationMs: 9 },
      { index: 1, items: ['a', 'b'], durationMs: 10 },
    ]);
  });

  it('gives unknown durations the median of the known ones, or 1 s when none are known', () => {
    const items = [
      { id: 'a', durationMs: 3000 },
      { id: 'b', durationMs: 1000 },
      { id: 'c', durationMs: undefined },
      { id: 'd', durationMs: undefined },
    ];
    expect(planShards(items, 1).shards[0]?.durationMs).toBe(8000);
    const unknown = [
      { id: 'x', durationMs: undefined },
      { id: 'y', durationMs: undefined },
    ];
    expect(planShards(unknown, 1).shards[0]?.durationMs).toBe(2000);
  });

  it('leaves shards empty when there are more shards than items', () => {
    const items = [
      { id: 'a', durationMs: 100 },
      { id: 'b', durationMs: 200 },
    ];
    const plan = planShards(items, 4);
    expect(plan.shards.map((shard) => shard.items)).toEqual([['b'], ['a'], [], []]);
    expect(plan.imbalance).toBe(1);
    expect(shardFor(items, 4, 3)).toEqual([]);
    expect(planShards([], 2).imbalance).toBe(0);
  });

  it('rejects bad totals, indexes and duplicate ids', () => {
    expect(() => planShards([], 0)).toThrow(/total must be an integer >= 1, got 0/);
    expect(() => planShards([], 1.5)).toThrow(RangeError);
    expect(() => shardFor([], 3, 3)).toThrow(/0 <= index < 3, got 3/);
    expect(() => shardFor([], 3, -1)).toThrow(RangeError);
    expect(() =>
      planShards(
        [
          { id: 'a', durationMs: 1 },
          { id: 'a', durationMs: 2 },
        ],
        2,
      ),
    ).toThrow(/"a" appears more than once/);
  });
});

describe('shardFor', () => {
  it('returns the items of one shard of the plan', () => {
    const items = skewedSuite(42);
    const plan = planShards(items, 3);
    expect([0, 1, 2].map((index) => shardFor(items, 3, index))).toEqual(
      plan.shards.map((shard) => shard.items),
    );
  });
});

describe('githubMatrix', () => {
  it('lists one 0-based shard per job', () => {
    expect(githubMatrix(3)).toEqual({
      include: [
        { shard: 0, total: 3 },
        { shard: 1, total: 3 },
        { shard: 2, total: 3 },
      ],
    });
    expect(() => githubMatrix(0)).toThrow(RangeError);
  });
});
