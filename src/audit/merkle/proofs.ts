import { EMPTY_ROOT, HASH_SIZE, nodeHash } from './hash.js';
import { assertCount, largestPowerOfTwoBelow, type NodeId, smallestPowerOfTwoAtLeast } from './tree.js';

/** Returns the stored hash of a complete subtree; throws if the node is unknown. */
export type NodeLookup = (node: NodeId) => Buffer;

/**
 * Merkle Tree Hash of leaves `[start, end)` built from stored complete subtrees.
 * `start` must be aligned as RFC 6962 recursion produces (a multiple of the power of two at or above the width).
 */
export function subtreeHash(start: number, end: number, lookup: NodeLookup): Buffer {
  assertCount(start, 'start');
  assertCount(end, 'end');
  if (end < start) throw new RangeError(`subtree end ${end} is before its start ${start}`);
  if (end === start) {
    if (start !== 0) throw new RangeError(`empty subtree [${start}, ${end}) is not part of any tree`);
    return Buffer.from(EMPTY_ROOT);
  }
  if (start % smallestPowerOfTwoAtLeast(end - start) !== 0) {
    throw new RangeError(`subtree [${start}, ${end}) is not aligned as RFC 6962 recursion produces`);
  }
  return hashRange(start, end, lookup);
}

/** Complete nodes `inclusionProof(index, size)` reads, deduplicated, so storage can fetch them in one query. */
export function inclusionProofNodes(index: number, size: number): NodeId[] {
  return recordNodes((lookup) => inclusionProof(index, size, lookup));
}

/**
 * RFC 6962 section 2.1.1 audit path PATH(index, D[size]), ordered leaf to root (as RFC 9162 verifiers expect).
 */
export function inclusionProof(index: number, size: number, lookup: NodeLookup): Buffer[] {
  assertCount(index, 'index');
  assertCount(size, 'size');
  if (index >= size) throw new RangeError(`leaf index ${index} is outside a tree of size ${size}`);
  const rootFirst: Buffer[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (index < start + k) {
      rootFirst.push(hashRange(start + k, end, lookup));
      end = start + k;
    } else {
      rootFirst.push(hashRange(start, start + k, lookup));
      start += k;
    }
  }
  return rootFirst.reverse();
}

/** Complete nodes `consistencyProof(size1, size2)` reads, deduplicated, so storage can fetch them in one query. */
export function consistencyProofNodes(size1: number, size2: number): NodeId[] {
  return recordNodes((lookup) => consistencyProof(size1, size2, lookup));
}

/**
 * RFC 6962 section 2.1.2 consistency proof PROOF(size1, D[size2]).
 * Empty when size1 is 0 or equals size2 (RFC 9162 verifiers reject size1 = 0, so callers treat it as trivial).
 */
export function consistencyProof(size1: number, size2: number, lookup: NodeLookup): Buffer[] {
  assertCount(size1, 'size1');
  assertCount(size2, 'size2');
  if (size1 > size2) throw new RangeError(`size1 ${size1} is larger than size2 ${size2}`);
  if (size1 === 0 || size1 === size2) return [];
  // SUBPROOF(m, D[start:end], b) unrolled; m = size1 stays absolute, elements are collected outermost first.
  const rootFirst: Buffer[] = [];
  let start = 0;
  let end = size2;
  let wholeOldTree = true;
  while (size1 !== end) {
    const k = largestPowerOfTwoBelow(end - start);
    if (size1 <= start + k) {
      rootFirst.push(hashRange(start + k, end, lookup));
      end = start + k;
    } else {
      rootFirst.push(hashRange(start, start + k, lookup));
      start += k;
      wholeOldTree = false;
    }
  }
  if (!wholeOldTree) rootFirst.push(hashRange(start, end, lookup));
  return rootFirst.reverse();
}

/** Complete nodes `rootFrom(size)` reads (the frontier of the tree). */
export function rootNodes(size: number): NodeId[] {
  return recordNodes((lookup) => rootFrom(size, lookup));
}

/** Merkle Tree Hash of the first `size` leaves from stored complete subtrees (EMPTY_ROOT for 0). */
export function rootFrom(size: number, lookup: NodeLookup): Buffer {
  return subtreeHash(0, size, lookup);
}

/** MTH of an aligned range: complete aligned ranges come from `lookup`, others split at the RFC 6962 point. */
function hashRange(start: number, end: number, lookup: NodeLookup): Buffer {
  const width = end - start;
  const level = exactLog2(width);
  if (level >= 0) return lookup({ level, index: start / width });
  const k = largestPowerOfTwoBelow(width);
  return nodeHash(hashRange(start, start + k, lookup), hashRange(start + k, end, lookup));
}

/** log2(n) when n is a power of two, otherwise -1. */
function exactLog2(n: number): number {
  let level = 0;
  let p = 1;
  while (p < n) {
    p *= 2;
    level++;
  }
  return p === n ? level : -1;
}

const PLACEHOLDER = Buffer.alloc(HASH_SIZE);

/** Runs a computation with a lookup that records which nodes it asks for; the recursion never depends on hashes. */
function recordNodes(run: (lookup: NodeLookup) => unknown): NodeId[] {
  const seen = new Map<string, NodeId>();
  run((node) => {
    const key = `${node.level}:${node.index}`;
    if (!seen.has(key)) seen.set(key, { level: node.level, index: node.index });
    return PLACEHOLDER;
  });
  return [...seen.values()];
}
