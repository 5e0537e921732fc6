import { HASH_SIZE, nodeHash } from './hash.js';
import { isPowerOfTwo } from './tree.js';

/** A Merkle proof did not verify; `reason` says which check failed. */
export class MerkleProofError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(`Merkle proof verification failed: ${reason}`);
    this.name = 'MerkleProofError';
    this.reason = reason;
  }
}

/**
 * Root implied by an inclusion proof (RFC 9162 section 2.1.3.2, steps 1-4 and the final `sn == 0` check).
 * Throws MerkleProofError for a bad index, size, hash length or proof length.
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer {
  assertCount(index, 'index');
  assertCount(size, 'size');
  if (index >= size) throw new MerkleProofError(`leaf index ${index} is not below tree size ${size}`);
  assertHash(leafHash, 'leaf hash');
  assertHashes(proof);
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) throw new MerkleProofError(`proof has more than the expected components`);
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new MerkleProofError(`proof has fewer than the expected components`);
  return r;
}

/**
 * Checks that `leafHash` is leaf `index` of the tree of `size` leaves with root `root` (RFC 9162 section 2.1.3.2).
 * Throws MerkleProofError when it is not.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  assertHash(root, 'root');
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  if (!computed.equals(root)) throw new MerkleProofError('computed root does not match the expected root');
}

/**
 * Checks that the tree of `size2` leaves with `root2` extends the tree of `size1` leaves with `root1`
 * (RFC 9162 section 2.1.4.2). Throws MerkleProofError when it does not.
 * Like RFC 9162 (which defines proofs only for 0 < size1) and its test vectors, size1 = 0 is rejected:
 * every tree extends the empty tree, so callers skip the check instead.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  assertCount(size1, 'size1');
  assertCount(size2, 'size2');
  if (size1 > size2) throw new MerkleProofError(`size1 ${size1} is larger than size2 ${size2}`);
  if (size1 === 0) {
    throw new MerkleProofError('no consistency proof exists from the empty tree (size1 = 0)');
  }
  if (size1 === size2) {
    if (proof.length > 0) throw new MerkleProofError('sizes are equal but the proof is not empty');
    if (!Buffer.from(root1).equals(root2)) throw new MerkleProofError('sizes are equal but the roots differ');
    return;
  }
  if (proof.length === 0) throw new MerkleProofError('proof is empty but size1 < size2');
  assertHash(root1, 'root1');
  assertHash(root2, 'root2');
  assertHashes(proof);

  // Step 2: when size1 is a power of two, the old root itself is the first node of the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  const first = path[0] as Uint8Array;
  let fr: Buffer = Buffer.from(first);
  let sr: Buffer = Buffer.from(first);
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) throw new MerkleProofError('proof has more than the expected components');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new MerkleProofError('proof has fewer than the expected components');
  if (!fr.equals(root1)) throw new MerkleProofError('proof does not reproduce root1');
  if (!sr.equals(root2)) throw new MerkleProofError('proof does not reproduce root2');
}

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MerkleProofError(`${name} must be a non-negative safe integer, got ${String(value)}`);
  }
}

function assertHash(hash: Uint8Array, name: string): void {
  if (hash.length !== HASH_SIZE) {
    throw new MerkleProofError(`${name} is ${hash.length} bytes, expected ${HASH_SIZE}`);
  }
}

function assertHashes(proof: readonly Uint8Array[]): void {
  for (let i = 0; i < proof.length; i++) assertHash(proof[i] as Uint8Array, `proof[${i}]`);
}
