import { EMPTY_ROOT, HASH_SIZE, leafHash, nodeHash } from './hash.js';

/** A complete subtree at `level` covering leaves `[index * 2^level, (index + 1) * 2^level)`; level 0 is a leaf. */
export interface NodeId {
  level: number;
  index: number;
}

/**
 * Throws a RangeError unless `value` is a non-negative safe integer.
 * Sizes and indices may exceed 2^32, so everything here is plain arithmetic, never 32-bit bit operations.
 */
export function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${String(value)}`);
  }
}

/** Whether `n` (a positive integer) is an exact power of two. */
export function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

/** The largest power of two strictly below `n` (n >= 2): the RFC 6962 split point `k`. */
export function largestPowerOfTwoBelow(n: number): number {
  if (!(n >= 2)) throw new RangeError(`largestPowerOfTwoBelow needs n >= 2, got ${String(n)}`);
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
}

/** The smallest power of two at or above `n` (1 for n <= 1). */
export function smallestPowerOfTwoAtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Number of trailing one-bits of the non-negative integer `n`. */
export function trailingOnes(n: number): number {
  let count = 0;
  let rest = n;
  while (rest % 2 === 1) {
    count++;
    rest = (rest - 1) / 2;
  }
  return count;
}

/**
 * The leaf whose append completes `node`: `(index + 1) * 2^level - 1`.
 * Storage keeps each node's hash in that leaf's row, at position `level`.
 */
export function lastLeafOf(node: NodeId): number {
  return (node.index + 1) * 2 ** node.level - 1;
}

/** How many nodes above level 0 the append of leaf `leafIndex` completes (its trailing one-bits). */
export function levelsCompletedBy(leafIndex: number): number {
  assertCount(leafIndex, 'leafIndex');
  return trailingOnes(leafIndex);
}

/** The maximal complete subtrees covering leaves `[0, size)`, left to right (largest first). */
export function frontierNodes(size: number): NodeId[] {
  assertCount(size, 'size');
  const nodes: NodeId[] = [];
  let p = 1;
  let level = 0;
  while (p * 2 <= size) {
    p *= 2;
    level++;
  }
  let start = 0;
  for (; level >= 0; level--, p /= 2) {
    if (size - start >= p) {
      nodes.push({ level, index: start / p });
      start += p;
    }
  }
  return nodes;
}

/**
 * Incremental Merkle tree holding only the frontier (one hash per maximal complete subtree).
 * Used to append to the log and to re-verify it in one streaming pass; returned buffers are shared, do not mutate them.
 */
export class Frontier {
  readonly #stack: Buffer[];
  #size: number;

  private constructor(size: number, stack: Buffer[]) {
    this.#size = size;
    this.#stack = stack;
  }

  /** A frontier with no leaves. */
  static empty(): Frontier {
    return new Frontier(0, []);
  }

  /** Restores a frontier from the hashes of `frontierNodes(size)`, in that order (as `hashes()` returns them). */
  static fromHashes(size: number, hashes: readonly Buffer[]): Frontier {
    const expected = frontierNodes(size).length;
    if (hashes.length !== expected) {
      throw new RangeError(`a frontier of size ${size} needs ${expected} hashes, got ${hashes.length}`);
    }
    hashes.forEach((hash, i) => {
      if (hash.length !== HASH_SIZE) {
        throw new RangeError(`frontier hash ${i} is ${hash.length} bytes, expected ${HASH_SIZE}`);
      }
    });
    return new Frontier(size, [...hashes]);
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /**
   * Appends a leaf hash; returns the hashes it completes: `[leafHash, level1, level2, ...]`.
   * The length is `1 + levelsCompletedBy(oldSize)`, so the writer can store every new node with the leaf.
   */
  append(leaf: Buffer): Buffer[] {
    if (leaf.length !== HASH_SIZE) {
      throw new RangeError(`leaf hash is ${leaf.length} bytes, expected ${HASH_SIZE}`);
    }
    const completed = [leaf];
    let hash = leaf;
    let rest = this.#size;
    while (rest % 2 === 1) {
      const left = this.#stack.pop();
      if (left === undefined) throw new Error('Frontier invariant broken: stack shorter than popcount(size)');
      hash = nodeHash(left, hash);
      completed.push(hash);
      rest = (rest - 1) / 2;
    }
    this.#stack.push(hash);
    this.#size++;
    return completed;
  }

  /** RFC 6962 Merkle Tree Hash of the leaves so far (EMPTY_ROOT for no leaves). */
  root(): Buffer {
    const stack = this.#stack;
    let hash = stack[stack.length - 1];
    if (hash === undefined) return Buffer.from(EMPTY_ROOT);
    for (let i = stack.length - 2; i >= 0; i--) {
      hash = nodeHash(stack[i] as Buffer, hash);
    }
    return hash;
  }

  /** The current frontier hashes, matching `frontierNodes(size)`, for persisting and `fromHashes`. */
  hashes(): Buffer[] {
    return [...this.#stack];
  }
}

/**
 * Naive recursive Merkle Tree Hash of RFC 6962 section 2.1 over the raw entries (each is leaf-hashed here).
 * A reference for tests and a shortcut for small trees: recursion depth O(log n), 2n - 1 hashes.
 */
export function rootFromLeaves(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return Buffer.from(EMPTY_ROOT);
  return mth(leaves, 0, leaves.length);
}

function mth(leaves: readonly Uint8Array[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 1) return leafHash(leaves[start] as Uint8Array);
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end));
}
