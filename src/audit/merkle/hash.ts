import { createHash } from 'node:crypto';

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/**
 * RFC 6962 leaf hash: SHA-256(0x00 || data).
 * The 0x00/0x01 prefixes keep a leaf from ever being mistaken for an interior node (second preimages).
 */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** Root of the empty tree: SHA-256 of the empty string. Treat as read-only. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** Size in bytes of every hash in the tree. */
export const HASH_SIZE = 32;
