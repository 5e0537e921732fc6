import type { Kysely } from 'kysely';
import { CaraError } from '../core/index.js';
import type { Database } from '../store/index.js';
import { type AuditEvent, eventFromLeaf } from './event.js';
import {
  consistencyProof,
  consistencyProofNodes,
  inclusionProof,
  inclusionProofNodes,
  leafHashOfText,
  verifyConsistency,
  verifyInclusion,
} from './merkle/index.js';
import { readNodes } from './nodes.js';
import { isPrunedLeaf, prunedBundleOf } from './prune.js';

export interface InclusionProof {
  event: AuditEvent;
  leafIndex: number;
  treeSize: number;
  leafHash: Buffer;
  proof: Buffer[];
  root: Buffer;
}

/** Proves that an event is in the tree of size `treeSize` whose root is `root`. */
export async function proveInclusion(
  db: Kysely<Database>,
  eventId: string,
  treeSize: number,
  root: Buffer,
): Promise<InclusionProof> {
  const query = db.selectFrom('audit_events').select(['seq', 'leaf']);
  const byIndex = /^\d+$/.test(eventId);
  const row = await (byIndex
    ? query.where('seq', '=', Number(eventId))
    : query.where('id', '=', eventId)
  ).executeTakeFirst();
  if (!row) {
    throw new CaraError('AUDIT_NOT_FOUND', `no audit event with id or index ${eventId}`, {
      hint: 'list events with `cara audit log`',
    });
  }
  const leafIndex = Number(row.seq);
  if (isPrunedLeaf(row.leaf)) {
    throw new CaraError(
      'AUDIT_NOT_FOUND',
      `event ${leafIndex} was pruned by retention into bundle ${prunedBundleOf(row.leaf) ?? '(unknown)'}`,
      {
        hint: 'its text is in the archive bundle (`cara audit log` names it); its hash is still in the tree',
      },
    );
  }
  const event = eventFromLeaf(row.leaf);
  if (event.seq !== leafIndex || (!byIndex && event.id !== eventId)) {
    throw tampered(`the event stored at index ${leafIndex} does not match its index or id`, undefined);
  }
  if (leafIndex >= treeSize) {
    throw new CaraError(
      'AUDIT_NOT_FOUND',
      `event ${eventId} (index ${leafIndex}) is newer than the checkpoint (size ${treeSize})`,
      {
        hint: 'write a checkpoint with `cara audit checkpoint` and try again',
      },
    );
  }
  const lookup = await readNodes(db, inclusionProofNodes(leafIndex, treeSize));
  const hash = leafHashOfText(row.leaf);
  const proof = inclusionProof(leafIndex, treeSize, lookup);
  try {
    verifyInclusion(leafIndex, treeSize, hash, proof, root);
  } catch (error) {
    throw tampered(
      `the inclusion proof for event ${leafIndex} does not verify against the checkpoint`,
      error,
    );
  }
  return {
    event,
    leafIndex,
    treeSize,
    leafHash: hash,
    proof,
    root,
  };
}

export interface ConsistencyProof {
  size1: number;
  size2: number;
  proof: Buffer[];
}

/** Proves that the tree of size `size2` extends the tree of size `size1` without changing it. */
export async function proveConsistency(
  db: Kysely<Database>,
  from: { size: number; root: Buffer },
  to: { size: number; root: Buffer },
): Promise<ConsistencyProof> {
  const lookup = await readNodes(db, consistencyProofNodes(from.size, to.size));
  const proof = consistencyProof(from.size, to.size, lookup);
  try {
    verifyConsistency(from.size, to.size, proof, from.root, to.root);
  } catch (error) {
    throw tampered(
      `the tree of size ${to.size} is not consistent with the checkpoint of size ${from.size}`,
      error,
    );
  }
  return { size1: from.size, size2: to.size, proof };
}

function tampered(message: string, cause: unknown): CaraError {
  return new CaraError('AUDIT_TAMPERED', message, {
    cause,
    hint: 'run `cara audit verify` for the full report',
    exitCode: 1,
  });
}
