import { createHash, hash as oneShotHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/index.js';

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/**
 * The exact bytes `verify` hashes for each event (the stored canonical JSON leaf, UTF-8), read once
 * in log order. Done outside any timed region: the limit measures hashing alone.
 */
export async function readLeafBytes(db: Kysely<Database>, pageSize = 10_000): Promise<Buffer[]> {
  const leaves: Buffer[] = [];
  let last = -1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .select(['seq', 'leaf'])
      .where('seq', '>', last)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      leaves.push(Buffer.from(row.leaf, 'utf8'));
      last = row.seq;
    }
    if (rows.length < pageSize) return leaves;
  }
}

export interface TreeHashResult {
  root: Buffer;
  /** SHA-256 computations: n leaves plus n - 1 interior nodes. */
  hashes: number;
}

/**
 * The physical limit of verification: RFC 6962 Merkle Tree Hash over in-memory leaves with raw
 * `node:crypto`, one `createHash` per leaf (0x00 || bytes) and per interior node (0x01 || l || r),
 * keeping only the right edge of the tree. No database, no string building, no comparisons.
 */
export function hashTree(leaves: readonly Buffer[]): TreeHashResult {
  const stack: Buffer[] = [];
  let hashes = 0;
  for (let i = 0; i < leaves.length; i++) {
    let hash = createHash('sha256')
      .update(LEAF_PREFIX)
      .update(leaves[i] as Buffer)
      .digest();
    hashes++;
    // Each trailing one-bit of i is a complete subtree this leaf closes.
    for (let rest = i; rest % 2 === 1; rest = (rest - 1) / 2) {
      hash = createHash('sha256')
        .update(NODE_PREFIX)
        .update(stack.pop() as Buffer)
        .update(hash)
        .digest();
      hashes++;
    }
    stack.push(hash);
  }
  let root = stack.pop() ?? createHash('sha256').digest();
  for (let left = stack.pop(); left !== undefined; left = stack.pop()) {
    root = createHash('sha256').update(NODE_PREFIX).update(left).update(root).digest();
    hashes++;
  }
  return { root, hashes };
}

/**
 * The same tree with `crypto.hash` (one-shot, Node >= 20.12) over reused scratch buffers: no Hash
 * object per node. For reference only: it shows how far below the `createHash` limit node:crypto goes.
 */
export function hashTreeOneShot(leaves: readonly Buffer[]): TreeHashResult {
  let scratch = Buffer.alloc(64 * 1024);
  const pair = Buffer.alloc(65);
  pair[0] = 0x01;
  const stack: Buffer[] = [];
  let hashes = 0;
  const node = (left: Buffer, right: Buffer) => {
    left.copy(pair, 1);
    right.copy(pair, 33);
    hashes++;
    return oneShotHash('sha256', pair, 'buffer');
  };
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i] as Buffer;
    if (leaf.length + 1 > scratch.length) scratch = Buffer.alloc(2 * (leaf.length + 1));
    scratch[0] = 0x00;
    leaf.copy(scratch, 1);
    let hash: Buffer = oneShotHash('sha256', scratch.subarray(0, leaf.length + 1), 'buffer');
    hashes++;
    for (let rest = i; rest % 2 === 1; rest = (rest - 1) / 2) hash = node(stack.pop() as Buffer, hash);
    stack.push(hash);
  }
  let root = stack.pop() ?? createHash('sha256').digest();
  for (let left = stack.pop(); left !== undefined; left = stack.pop()) root = node(left, root);
  return { root, hashes };
}
