/** A unit to distribute (usually a test file) with its historical duration, when known. */
export interface ShardItem {
  id: string;
  durationMs: number | undefined;
}

export interface Shard {
  index: number;
  /** Item ids, longest first, so each shard starts its slowest work early. */
  items: string[];
  durationMs: number;
}

export interface ShardPlan {
  shards: Shard[];
  /** (max - min) / max of the shards' durations; 0 when every shard is empty. */
  imbalance: number;
}

/** Duration given to items with no history when no item has one. */
export const DEFAULT_DURATION_MS = 1000;

function checkTotal(total: number): void {
  if (!Number.isInteger(total) || total < 1) {
    throw new RangeError(`shard total must be an integer >= 1, got ${total}`);
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isKnown(duration: number | undefined): duration is number {
  return duration !== undefined && Number.isFinite(duration) && duration >= 0;
}

/** Median of the known durations, or `DEFAULT_DURATION_MS` when there are none. */
export function fallbackDuration(items: readonly ShardItem[]): number {
  const known = items
    .map((item) => item.durationMs)
    .filter(isKnown)
    .sort((a, b) => a - b);
  if (known.length === 0) return DEFAULT_DURATION_MS;
  const middle = Math.floor(known.length / 2);
  const upper = known[middle] ?? DEFAULT_DURATION_MS;
  return known.length % 2 === 1 ? upper : ((known[middle - 1] ?? upper) + upper) / 2;
}

/**
 * Splits items into `total` shards by longest processing time first: each item, longest first, goes to the
 * least loaded shard (lowest index on ties). Deterministic: equal durations are ordered by id, so every CI
 * job computes the same plan. Items without a duration get the median of the known ones (1 s when none).
 */
export function planShards(items: readonly ShardItem[], total: number): ShardPlan {
  checkTotal(total);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new RangeError(`shard item "${item.id}" appears more than once`);
    seen.add(item.id);
  }
  const fallback = fallbackDuration(items);
  const sized = items
    .map((item) => ({ id: item.id, durationMs: isKnown(item.durationMs) ? item.durationMs : fallback }))
    .sort((a, b) => b.durationMs - a.durationMs || compareIds(a.id, b.id));
  const shards: Shard[] = Array.from({ length: total }, (_, index) => ({ index, items: [], durationMs: 0 }));
  for (const item of sized) {
    let target = shards[0] as Shard;
    for (const shard of shards) if (shard.durationMs < target.durationMs) target = shard;
    target.items.push(item.id);
    target.durationMs += item.durationMs;
  }
  const loads = shards.map((shard) => shard.durationMs);
  const max = Math.max(...loads);
  const min = Math.min(...loads);
  return { shards, imbalance: max === 0 ? 0 : (max - min) / max };
}

/** The item ids of shard `index` (0-based) out of `total`, as `planShards` assigns them. */
export function shardFor(items: readonly ShardItem[], total: number, index: number): string[] {
  checkTotal(total);
  if (!Number.isInteger(index) || index < 0 || index >= total) {
    throw new RangeError(`shard index must be an integer with 0 <= index < ${total}, got ${index}`);
  }
  return planShards(items, total).shards[index]?.items ?? [];
}

/** A GitHub Actions `strategy.matrix` with one entry per shard (0-based `shard`, as `--index` takes). */
export function githubMatrix(total: number): { include: { shard: number; total: number }[] } {
  checkTotal(total);
  return { include: Array.from({ length: total }, (_, shard) => ({ shard, total })) };
}
