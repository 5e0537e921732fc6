import type { Kysely } from 'kysely';
import { CaraError } from '../core/index.js';
import type { Database } from '../store/index.js';
import { HASH_SIZE, lastLeafOf, type NodeId, type NodeLookup } from './merkle/index.js';

/**
 * Fetches complete-subtree hashes in one query. Node (level, index) is stored in the row of the
 * leaf that completed it, at offset level*32 of `hashes`; so any proof needs O(log n) row reads.
 */
export async function readNodes(db: Kysely<Database>, nodes: readonly NodeId[]): Promise<NodeLookup> {
  const seqs = [...new Set(nodes.map(lastLeafOf))];
  const rows =
    seqs.length === 0
      ? []
      : await db.selectFrom('audit_events').select(['seq', 'hashes']).where('seq', 'in', seqs).execute();
  const bySeq = new Map(rows.map((r) => [Number(r.seq), Buffer.from(r.hashes)]));
  return (node) => {
    const seq = lastLeafOf(node);
    const hashes = bySeq.get(seq);
    const start = node.level * HASH_SIZE;
    if (!hashes || hashes.length < start + HASH_SIZE) {
      throw new CaraError(
        'AUDIT_TAMPERED',
        `audit event ${seq} is missing or lacks its tree node at level ${node.level}`,
        {
          hint: 'run `cara audit verify` for the full report',
          exitCode: 1,
        },
      );
    }
    return hashes.subarray(start, start + HASH_SIZE);
  };
}
