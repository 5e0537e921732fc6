import { createHash, type Hash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CaraError } from '../core/index.js';
import type { Database } from '../store/index.js';
import { canonicalJson } from './canonical-json.js';
import { leafSeq } from './event.js';
import { HASH_SIZE, leafHashOfText } from './merkle/index.js';
import { parseNote } from './note.js';

/**
 * Retention pruning (docs/decisions/0007-audit-retention.md): an expired event's leaf text is
 * replaced by a marker naming the archive bundle that holds it, while its row keeps the leaf hash
 * and the tree nodes. The tree, every checkpoint and every proof still compute; `verify` accepts
 * a marker only when a manifest signed by a trusted key states that exact set of pruned leaves.
 */

/** Every real leaf begins with `{"actor":` (keys are sorted); a marker never does. */
const MARKER_PREFIX = '{"pruned":';

/** What a signed retention manifest states about the audit events it prunes. */
export interface AuditPruneStatement {
  /** The bundle id; every marker of this pruning names it. */
  id: string;
  /** How many events were pruned. */
  events: number;
  /** SHA-256 (hex) over each pruned event's 8-byte big-endian index and leaf hash, in index order. */
  leaves: string;
}

export interface StoredPrune {
  id: string;
  createdAt: string;
  events: number;
  /** The pruned indexes as inclusive [first, last] ranges. */
  ranges: [number, number][];
  bundle: string;
  digest: string;
  /** The bundle's manifest, a signed note whose JSON body holds the statement as `auditPrune`. */
  manifest: string;
}

/** An event retention may prune: unpruned, with its stored leaf hash. */
export interface PrunableEvent {
  seq: number;
  id: string;
  type: string;
  time: string;
  subject: string | null;
  leaf: string;
  leafHash: Buffer;
}

export function prunedMarker(bundleId: string, seq: number): string {
  return canonicalJson({ pruned: bundleId, seq });
}

export function isPrunedLeaf(leaf: string): boolean {
  return leaf.startsWith(MARKER_PREFIX);
}

/** The bundle id a marker names, or undefined when the marker is malformed. */
export function prunedBundleOf(leaf: string): string | undefined {
  try {
    const value = JSON.parse(leaf) as { pruned?: unknown };
    return typeof value.pruned === 'string' ? value.pruned : undefined;
  } catch {
    return undefined;
  }
}

/** Running digest of pruned leaves, in index order, as `AuditPruneStatement.leaves` defines it. */
export class PrunedLeavesDigest {
  private readonly hash: Hash = createHash('sha256');
  private readonly index = Buffer.alloc(8);
  count = 0;

  update(seq: number, leafHash: Uint8Array): void {
    this.index.writeBigUInt64BE(BigInt(seq));
    this.hash.update(this.index).update(leafHash.subarray(0, HASH_SIZE));
    this.count++;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** The statement a manifest note signs; throws when the note or its body is malformed. */
export function pruneStatementOf(manifest: string): AuditPruneStatement {
  const body = parseNote(manifest).body;
  const parsed = JSON.parse(body) as { auditPrune?: Partial<AuditPruneStatement> };
  const s = parsed.auditPrune;
  if (
    typeof s?.id !== 'string' ||
    typeof s.events !== 'number' ||
    typeof s.leaves !== 'string' ||
    !/^[0-9a-f]{64}$/.test(s.leaves)
  ) {
    throw new Error('the manifest has no auditPrune statement {id, events, leaves}');
  }
  return { id: s.id, events: s.events, leaves: s.leaves };
}

export interface ListPrunableOptions {
  /** Only events recorded before this ISO time. */
  before?: string | undefined;
  /** Only events with an index below this (the size of a signed checkpoint). */
  below: number;
  /** Only these indexes. */
  seqs?: readonly number[] | undefined;
}

/** Unpruned events, oldest first, each checked against its stored leaf hash. */
export async function listPrunable(
  db: Kysely<Database>,
  options: ListPrunableOptions,
): Promise<PrunableEvent[]> {
  let query = db
    .selectFrom('audit_events')
    .select(['seq', 'leaf', 'hashes', 'id', 'type', 'time', 'subject'])
    .where('id', 'is not', null)
    .where('seq', '<', options.below);
  if (options.before !== undefined) query = query.where('time', '<', options.before);
  if (options.seqs !== undefined) {
    if (options.seqs.length === 0) return [];
    query = query.where('seq', 'in', [...options.seqs]);
  }
  const rows = await query.orderBy('seq').execute();
  return rows.map((row) => {
    const seq = Number(row.seq);
    const leafHash = Buffer.from(row.hashes).subarray(0, HASH_SIZE);
    if (leafSeq(row.leaf) !== seq || !leafHashOfText(row.leaf).equals(leafHash)) {
      throw tampered(`audit event ${seq} does not match its recorded hash; refusing to archive it`);
    }
    return {
      seq,
      id: row.id,
      type: row.type,
      time: row.time,
      subject: row.subject,
      leaf: row.leaf,
      leafHash,
    };
  });
}

export interface PruneEventsInput {
  /** The bundle's signed manifest; its `auditPrune` statement must describe exactly `seqs`. */
  manifest: string;
  seqs: readonly number[];
  bundle: string;
  digest: string;
  createdAt: string;
}

const CHUNK = 500;

/**
 * Replaces the leaf text of `seqs` by pruned markers and records the pruning, inside the caller's
 * transaction (which must hold the `audit` lock). Refuses an event that is already pruned or does
 * not match its hash, so pruning can never launder a tampered event.
 */
export async function pruneEvents(trx: Kysely<Database>, input: PruneEventsInput): Promise<StoredPrune> {
  const statement = pruneStatementOf(input.manifest);
  const seqs = [...new Set(input.seqs)].sort((a, b) => a - b);
  const digest = new PrunedLeavesDigest();
  for (let i = 0; i < seqs.length; i += CHUNK) {
    const chunk = seqs.slice(i, i + CHUNK);
    const rows = await trx
      .selectFrom('audit_events')
      .select(['seq', 'leaf', 'hashes'])
      .where('seq', 'in', chunk)
      .orderBy('seq')
      .execute();
    const bySeq = new Map(rows.map((r) => [Number(r.seq), r]));
    for (const seq of chunk) {
      const row = bySeq.get(seq);
      if (!row) throw tampered(`audit event ${seq} is missing; refusing to prune`);
      if (isPrunedLeaf(row.leaf)) {
        throw new CaraError('USAGE', `audit event ${seq} is already pruned`, {
          hint: 'plan again: `cara compliance retention`',
        });
      }
      const leafHash = Buffer.from(row.hashes).subarray(0, HASH_SIZE);
      if (leafSeq(row.leaf) !== seq || !leafHashOfText(row.leaf).equals(leafHash)) {
        throw tampered(`audit event ${seq} does not match its recorded hash; refusing to prune it`);
      }
      digest.update(seq, leafHash);
    }
  }
  const leaves = digest.digest();
  if (statement.events !== seqs.length || statement.leaves !== leaves) {
    throw new CaraError(
      'USAGE',
      `the manifest of bundle ${statement.id} does not describe the events being pruned`,
    );
  }
  for (const seq of seqs) {
    await trx
      .updateTable('audit_events')
      .set({ leaf: prunedMarker(statement.id, seq) })
      .where('seq', '=', seq)
      .execute();
  }
  const ranges = rangesOf(seqs);
  const record: StoredPrune = {
    id: statement.id,
    createdAt: input.createdAt,
    events: seqs.length,
    ranges,
    bundle: input.bundle,
    digest: input.digest,
    manifest: input.manifest,
  };
  await trx
    .insertInto('audit_prunes')
    .values({
      id: record.id,
      created_at: record.createdAt,
      events: record.events,
      first_seq: seqs[0] ?? 0,
      last_seq: seqs.at(-1) ?? 0,
      ranges: JSON.stringify(ranges),
      bundle: record.bundle,
      digest: record.digest,
      manifest: record.manifest,
    })
    .execute();
  return record;
}

/** The digest a statement must carry for these events (index order is imposed here). */
export function prunedLeavesDigest(events: readonly { seq: number; leafHash: Uint8Array }[]): string {
  const digest = new PrunedLeavesDigest();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) digest.update(e.seq, e.leafHash);
  return digest.digest();
}

export async function listPrunes(db: Kysely<Database>): Promise<StoredPrune[]> {
  const rows = await db.selectFrom('audit_prunes').selectAll().orderBy('first_seq').execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    events: Number(row.events),
    ranges: JSON.parse(row.ranges) as [number, number][],
    bundle: row.bundle,
    digest: row.digest,
    manifest: row.manifest,
  }));
}

/** Sorted indexes as inclusive [first, last] ranges. */
export function rangesOf(sorted: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const seq of sorted) {
    const last = ranges.at(-1);
    if (last && seq === last[1] + 1) last[1] = seq;
    else ranges.push([seq, seq]);
  }
  return ranges;
}

function tampered(message: string): CaraError {
  return new CaraError('AUDIT_TAMPERED', message, {
    hint: 'run `cara audit verify` for the full report',
    exitCode: 1,
  });
}
