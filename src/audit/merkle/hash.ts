import { createHash, hash } from 'node:crypto';

/**
 * Scratch buffers for the one-shot hash: a leaf or node is written after its prefix and hashed
 * in one call, with no Hash object or concatenation per hash. Safe because hashing here is
 * synchronous: no two calls can interleave.
 */
let leafScratch = Buffer.allocUnsafe(4096);
const nodeScratch = Buffer.allocUnsafe(65);
nodeScratch[0] = 0x01;

function leafCapacity(bytes: number): Buffer {
  if (leafScratch.length < bytes + 1)
    leafScratch = Buffer.allocUnsafe(Math.max(bytes + 1, leafScratch.length * 2));
  return leafScratch;
}

/**
 * RFC 6962 leaf hash: SHA-256(0x00 || data).
 * The 0x00/0x01 prefixes keep a leaf from ever being mistaken for an interior node (second preimages).
 */
export function leafHash(data: Uint8Array): Buffer {
  const scratch = leafCapacity(data.length);
  scratch[0] = 0x00;
  scratch.set(data, 1);
  return hash('sha256', scratch.subarray(0, data.length + 1), 'buffer');
}

/** Leaf hash of a string's UTF-8 bytes, encoded straight into the scratch buffer. */
export function leafHashOfText(text: string): Buffer {
  const scratch = leafCapacity(text.length * 3);
  scratch[0] = 0x00;
  const written = scratch.write(text, 1, 'utf8');
  return hash('sha256', scratch.subarray(0, written + 1), 'buffer');
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== 32 || right.length !== 32) return slowNodeHash(left, right);
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 33);
  return hash('sha256', nodeScratch, 'buffer');
}

function slowNodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0x01]))
    .update(left)
    .update(right)
    .digest();
}

/** Root of the empty tree: SHA-256 of the empty string. Treat as read-only. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** Size in bytes of every hash in the tree. */
export const HASH_SIZE = 32;
