import { leafSeq } from './event.js';
import { Frontier, HASH_SIZE, leafHashOfText, levelsCompletedBy } from './merkle/index.js';
import { isPrunedLeaf } from './prune.js';
import type { PruneTracker } from './prune-check.js';
import type { VerifyFailure } from './verify-failure.js';

/** A root the recomputed tree must have at `size`: the tree head or a signed checkpoint. */
export interface RootTarget {
  size: number;
  root: Uint8Array;
  label: string;
}

/**
 * Re-derives the tree from leaves fed in index order: checks each leaf against its stored hash,
 * that it was recorded at this index, every stored node it closed, and the root at every target
 * size. Pure and synchronous: the caller does the reading.
 */
export class LeafChecker {
  private readonly frontier = Frontier.empty();
  private readonly bySize = new Map<number, RootTarget[]>();

  /** `prunes` vouches for pruned markers; without it a marker is a modification. */
  constructor(
    targets: readonly RootTarget[],
    private readonly prunes?: PruneTracker,
  ) {
    for (const t of targets) this.bySize.set(t.size, [...(this.bySize.get(t.size) ?? []), t]);
  }

  get size(): number {
    return this.frontier.size;
  }

  /** Checks the roots due at the current size (call once before the first leaf, for size 0). */
  checkRoots(): VerifyFailure | undefined {
    const due = this.bySize.get(this.frontier.size);
    if (!due) return undefined;
    const root = this.frontier.root();
    const bad = due.find((t) => !root.equals(t.root));
    if (!bad) return undefined;
    return {
      index: Math.max(0, bad.size - 1),
      kind: 'rewritten',
      reason: `events 0..${bad.size - 1} do not hash to the root of ${bad.label} (size ${bad.size}): the log was rewritten`,
    };
  }

  /** Feeds the leaf (its canonical JSON) at the next index. */
  add(leaf: string, stored: Buffer): VerifyFailure | undefined {
    const seq = this.frontier.size;
    const levels = levelsCompletedBy(seq);
    // A pruned row keeps its leaf hash; the tree and the signed manifest vouch for it.
    const pruned = isPrunedLeaf(leaf) && stored.length === HASH_SIZE * (1 + levels);
    const hash = pruned ? Buffer.from(stored.subarray(0, HASH_SIZE)) : leafHashOfText(leaf);
    if (pruned) {
      const failure = this.prunes?.accept(seq, leaf, hash);
      if (failure || !this.prunes) {
        return failure ?? { index: seq, kind: 'pruned', reason: `event ${seq} is marked pruned` };
      }
    }
    if (
      stored.length !== HASH_SIZE * (1 + levels) ||
      stored.compare(hash, 0, HASH_SIZE, 0, HASH_SIZE) !== 0
    ) {
      return {
        index: seq,
        kind: 'modified',
        reason: `event ${seq} does not match its recorded hash: its content was changed`,
      };
    }
    if (leafSeq(leaf) !== seq) {
      return {
        index: seq,
        kind: 'modified',
        reason: `the event stored at index ${seq} was recorded at another index: events were moved or reordered`,
      };
    }
    const completed = this.frontier.append(hash);
    for (let level = 1; level <= levels; level++) {
      const at = level * HASH_SIZE;
      if (stored.compare(completed[level] as Buffer, 0, HASH_SIZE, at, at + HASH_SIZE) !== 0) {
        return {
          index: seq,
          kind: 'node',
          reason: `the tree node at level ${level} stored with event ${seq} differs from the recomputed one: events before it were changed or reordered`,
        };
      }
    }
    return this.checkRoots();
  }
}
