import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  consistencyProofNodes,
  EMPTY_ROOT,
  Frontier,
  frontierNodes,
  inclusionProof,
  inclusionProofNodes,
  lastLeafOf,
  leafHash,
  MerkleProofError,
  type NodeId,
  type NodeLookup,
  rootFrom,
  rootFromInclusionProof,
  rootFromLeaves,
  rootNodes,
  subtreeHash,
  verifyConsistency,
  verifyInclusion,
} from './index.js';

const entry = (i: number): Buffer => Buffer.from(`event-${i}`, 'utf8');
const flipBit = (hash: Uint8Array): Buffer => {
  const copy = Buffer.from(hash);
  copy[0] = (copy[0] as number) ^ 0x10;
  return copy;
};

/** A log stored the way the audit store keeps it: each leaf's row holds the hashes its append completed. */
function buildLog(count: number) {
  const entries = Array.from({ length: count }, (_, i) => entry(i));
  const frontier = Frontier.empty();
  const rows: Buffer[][] = [];
  const roots: Buffer[] = [EMPTY_ROOT];
  for (const e of entries) {
    rows.push(frontier.append(leafHash(e)));
    roots.push(frontier.root());
  }
  /** Lookup over the first `size` rows only, as if the log were truncated there; records what it served. */
  const lookupAt = (size: number, served: NodeId[] = []): NodeLookup => {
    return (node) => {
      const hash = lastLeafOf(node) < size ? rows[lastLeafOf(node)]?.[node.level] : undefined;
      if (hash === undefined)
        throw new Error(`node ${node.level}:${node.index} is not stored in a log of ${size}`);
      served.push(node);
      return hash;
    };
  };
  return { entries, roots, lookupAt };
}

/** Order-independent fingerprint of a node list, cheap to compare thousands of times. */
const nodeSet = (nodes: NodeId[]): string =>
  nodes
    .map((n) => `${n.level}:${n.index}`)
    .sort()
    .join(' ');

function testSizes(): number[] {
  const sizes = Array.from({ length: 70 }, (_, i) => i + 1);
  let seed = 7919;
  for (let i = 0; i < 3; i++) {
    seed = (seed * 48271) % 2147483647;
    sizes.push(100 + (seed % 2900));
  }
  return [...sizes, 3000];
}

const sizes = testSizes();
const log = buildLog(Math.max(...sizes));

describe('roots from stored nodes', () => {
  it('rootFrom matches the naive MTH and reads exactly the frontier', () => {
    expect(rootFrom(0, log.lookupAt(0))).toEqual(EMPTY_ROOT);
    expect(rootNodes(0)).toEqual([]);
    for (const size of sizes) {
      const served: NodeId[] = [];
      expect(rootFrom(size, log.lookupAt(size, served)), `size ${size}`).toEqual(
        rootFromLeaves(log.entries.slice(0, size)),
      );
      expect(nodeSet(rootNodes(size))).toBe(nodeSet(frontierNodes(size)));
      expect(nodeSet(served)).toBe(nodeSet(rootNodes(size)));
    }
  });

  it('subtreeHash of an aligned range is the MTH of that range', () => {
    const lookup = log.lookupAt(64);
    for (const [start, end] of [
      [8, 13],
      [16, 32],
      [32, 63],
      [5, 6],
    ] as const) {
      expect(subtreeHash(start, end, lookup), `[${start}, ${end})`).toEqual(
        rootFromLeaves(log.entries.slice(start, end)),
      );
    }
  });

  it('subtreeHash refuses ranges RFC 6962 recursion never produces', () => {
    const lookup = log.lookupAt(64);
    expect(() => subtreeHash(1, 3, lookup)).toThrow(RangeError);
    expect(() => subtreeHash(4, 9, lookup)).toThrow(RangeError);
    expect(() => subtreeHash(5, 4, lookup)).toThrow(RangeError);
    expect(() => subtreeHash(3, 3, lookup)).toThrow(RangeError);
  });
});

describe('inclusion proofs', () => {
  it(`verify for every index of sizes 1..70 and ${sizes.slice(70).join(', ')}`, () => {
    for (const size of sizes) {
      const root = log.roots[size] as Buffer;
      for (let index = 0; index < size; index++) {
        const served: NodeId[] = [];
        const proof = inclusionProof(index, size, log.lookupAt(size, served));
        const leaf = leafHash(log.entries[index] as Buffer);
        expect(rootFromInclusionProof(index, size, leaf, proof).equals(root), `${index} in ${size}`).toBe(
          true,
        );
        expect(() => verifyInclusion(index, size, leaf, proof, root)).not.toThrow();
        expect(nodeSet(served)).toBe(nodeSet(inclusionProofNodes(index, size)));
      }
    }
  });

  it('fail for a tampered proof, a wrong leaf, index or root, and extra or missing components', () => {
    const size = 45;
    const root = log.roots[size] as Buffer;
    for (const index of [0, 1, 17, 31, 32, 44]) {
      const proof = inclusionProof(index, size, log.lookupAt(size));
      const leaf = leafHash(log.entries[index] as Buffer);
      expect(proof.length).toBeGreaterThan(0);
      proof.forEach((_, i) => {
        const tampered = proof.map((p, j) => (j === i ? flipBit(p) : p));
        expect(() => verifyInclusion(index, size, leaf, tampered, root)).toThrow(MerkleProofError);
      });
      const other = leafHash(log.entries[(index + 1) % size] as Buffer);
      expect(() => verifyInclusion(index, size, other, proof, root)).toThrow(MerkleProofError);
      expect(() => verifyInclusion(index, size, leaf, proof, log.roots[size - 1] as Buffer)).toThrow(
        MerkleProofError,
      );
      expect(() => verifyInclusion((index + 1) % size, size, leaf, proof, root)).toThrow(MerkleProofError);
      expect(() => verifyInclusion(index, size, leaf, [...proof, root], root)).toThrow(MerkleProofError);
      expect(() => verifyInclusion(index, size, leaf, proof.slice(1), root)).toThrow(MerkleProofError);
      expect(() => verifyInclusion(index, size, leaf, proof, root.subarray(1))).toThrow(MerkleProofError);
      expect(() => verifyInclusion(size, size, leaf, proof, root)).toThrow(MerkleProofError);
    }
  });

  it('ask for O(log n) nodes of a million-leaf tree and of trees beyond 2^32', () => {
    for (const size of [1_000_000, 2 ** 41 + 3]) {
      const bound = 2 * Math.log2(size) + 2;
      for (const index of [0, 1, 524_287, 524_288, 999_998, 999_999, size - 1]) {
        const nodes = inclusionProofNodes(index, size);
        expect(nodes.length, `${index} in ${size}`).toBeLessThanOrEqual(bound);
        expect(nodes.length).toBeGreaterThan(0);
        for (const node of nodes) {
          expect(Number.isSafeInteger(node.index)).toBe(true);
          expect(lastLeafOf(node)).toBeLessThan(size);
        }
      }
    }
  });

  it('reject arguments outside the tree', () => {
    const lookup = log.lookupAt(10);
    expect(() => inclusionProof(10, 10, lookup)).toThrow(RangeError);
    expect(() => inclusionProof(0, 0, lookup)).toThrow(RangeError);
    expect(() => inclusionProof(-1, 10, lookup)).toThrow(RangeError);
    expect(() => inclusionProof(1.5, 10, lookup)).toThrow(RangeError);
    expect(() => inclusionProofNodes(3, Number.NaN)).toThrow(RangeError);
  });
});

describe('consistency proofs', () => {
  it('verify for every size1 <= size2 <= 70', () => {
    for (let size2 = 1; size2 <= 70; size2++) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const served: NodeId[] = [];
        const proof = consistencyProof(size1, size2, log.lookupAt(size2, served));
        const [root1, root2] = [log.roots[size1] as Buffer, log.roots[size2] as Buffer];
        expect(
          () => verifyConsistency(size1, size2, proof, root1, root2),
          `${size1} -> ${size2}`,
        ).not.toThrow();
        expect(nodeSet(served)).toBe(nodeSet(consistencyProofNodes(size1, size2)));
      }
    }
  });

  it(`verify from every size1 to the larger sizes ${sizes.slice(70).join(', ')}`, () => {
    for (const size2 of sizes.slice(70)) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const proof = consistencyProof(size1, size2, log.lookupAt(size2));
        expect(() =>
          verifyConsistency(size1, size2, proof, log.roots[size1] as Buffer, log.roots[size2] as Buffer),
        ).not.toThrow();
      }
    }
  });

  it('are empty from the empty tree and between equal sizes', () => {
    expect(consistencyProof(0, 9, log.lookupAt(9))).toEqual([]);
    expect(consistencyProof(9, 9, log.lookupAt(9))).toEqual([]);
    expect(consistencyProofNodes(0, 9)).toEqual([]);
  });

  it('fail for tampered proofs, wrong or swapped roots and wrong sizes', () => {
    for (const [size1, size2] of [
      [3, 7],
      [4, 7],
      [6, 8],
      [13, 45],
      [32, 45],
    ] as const) {
      const proof = consistencyProof(size1, size2, log.lookupAt(size2));
      const [root1, root2] = [log.roots[size1] as Buffer, log.roots[size2] as Buffer];
      expect(proof.length).toBeGreaterThan(0);
      proof.forEach((_, i) => {
        const tampered = proof.map((p, j) => (j === i ? flipBit(p) : p));
        expect(() => verifyConsistency(size1, size2, tampered, root1, root2)).toThrow(MerkleProofError);
      });
      expect(() => verifyConsistency(size1, size2, proof, root2, root1)).toThrow(MerkleProofError);
      expect(() => verifyConsistency(size1, size2, proof, flipBit(root1), root2)).toThrow(MerkleProofError);
      expect(() => verifyConsistency(size1, size2, proof, root1, flipBit(root2))).toThrow(MerkleProofError);
      expect(() => verifyConsistency(size1 + 1, size2, proof, root1, root2)).toThrow(MerkleProofError);
      // Only size changes that alter the proof's shape are detectable: the sizes themselves are authenticated by
      // the signed tree heads, not by the proof (size2 +- 1 often has the same shape and verifies).
      expect(() => verifyConsistency(size1, size2 * 2, proof, root1, root2)).toThrow(MerkleProofError);
      expect(() => verifyConsistency(size1, Math.floor(size2 / 2), proof, root1, root2)).toThrow(
        MerkleProofError,
      );
      expect(() => verifyConsistency(size1, size2, proof.slice(0, -1), root1, root2)).toThrow(
        MerkleProofError,
      );
      expect(() => verifyConsistency(size1, size2, [...proof, root2], root1, root2)).toThrow(
        MerkleProofError,
      );
      expect(() => verifyConsistency(size1, size2, [], root1, root2)).toThrow(MerkleProofError);
    }
  });

  it('verification rejects size1 = 0 and size1 > size2, and needs equal roots for equal sizes', () => {
    const root = log.roots[5] as Buffer;
    expect(() => verifyConsistency(0, 5, [], EMPTY_ROOT, root)).toThrow(MerkleProofError);
    expect(() => verifyConsistency(6, 5, [], root, root)).toThrow(MerkleProofError);
    expect(() => verifyConsistency(5, 5, [], root, root)).not.toThrow();
    expect(() => verifyConsistency(5, 5, [], root, log.roots[4] as Buffer)).toThrow(MerkleProofError);
    expect(() => verifyConsistency(5, 5, [root], root, root)).toThrow(MerkleProofError);
  });

  it('ask for O(log n) nodes of a million-leaf tree and of trees beyond 2^32', () => {
    for (const size2 of [1_000_000, 2 ** 41 + 3]) {
      const bound = 2 * Math.log2(size2) + 2;
      for (const size1 of [1, 2, 3, 524_287, 524_288, 524_289, 999_999]) {
        const nodes = consistencyProofNodes(size1, size2);
        expect(nodes.length, `${size1} -> ${size2}`).toBeLessThanOrEqual(bound);
        expect(nodes.length).toBeGreaterThan(0);
        for (const node of nodes) expect(lastLeafOf(node)).toBeLessThan(size2);
      }
    }
  });

  it('reject sizes that do not describe an older and a newer tree', () => {
    const lookup = log.lookupAt(10);
    expect(() => consistencyProof(6, 5, lookup)).toThrow(RangeError);
    expect(() => consistencyProof(-1, 5, lookup)).toThrow(RangeError);
    expect(() => consistencyProof(1, 2.5, lookup)).toThrow(RangeError);
    expect(() => consistencyProofNodes(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
