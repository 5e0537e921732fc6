import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../core/index.js';
import type { Database, Store } from '../store/index.js';
import { readHead } from './log.js';
import { formatCheckpointBody, type NoteSigner, signNote } from './note.js';

export interface StoredCheckpoint {
  size: number;
  root: Buffer;
  /** The signed note, in C2SP checkpoint format. */
  note: string;
  keyId: string;
  createdAt: string;
}

export interface WriteCheckpointOptions {
  origin: string;
  signer: NoteSigner;
  clock: Clock;
  /** A folder that also receives every checkpoint (e.g. a mounted bucket outside this machine). */
  externalDir?: string | undefined;
}

/**
 * Signs the current tree head unless the latest checkpoint already covers it. Checkpoints are
 * what let an outsider catch a rewritten log, so one is written after every appending command.
 */
export async function writeCheckpoint(
  store: Store,
  options: WriteCheckpointOptions,
): Promise<StoredCheckpoint> {
  const checkpoint = await store.exclusive('audit', async (trx) => {
    const head = await readHead(trx);
    const latest = await latestCheckpoint(trx);
    if (latest && latest.size === head.size && latest.root.equals(head.root)) return latest;
    const note = signNote(formatCheckpointBody({ origin: options.origin, ...head }), options.signer);
    const row = {
      tree_size: head.size,
      root: head.root,
      note,
      key_id: options.signer.keyId.toString('hex'),
      created_at: options.clock.now().toISOString(),
    };
    await trx.insertInto('audit_checkpoints').values(row).execute();
    return toCheckpoint(row);
  });
  if (options.externalDir) {
    mkdirSync(options.externalDir, { recursive: true });
    writeFileSync(
      join(options.externalDir, `checkpoint-${String(checkpoint.size).padStart(12, '0')}.txt`),
      checkpoint.note,
    );
  }
  return checkpoint;
}

export async function latestCheckpoint(db: Kysely<Database>): Promise<StoredCheckpoint | undefined> {
  const row = await db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toCheckpoint(row) : undefined;
}

export async function listCheckpoints(db: Kysely<Database>): Promise<StoredCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('tree_size').execute();
  return rows.map(toCheckpoint);
}

function toCheckpoint(row: {
  tree_size: number;
  root: Buffer;
  note: string;
  key_id: string;
  created_at: string;
}): StoredCheckpoint {
  return {
    size: Number(row.tree_size),
    root: Buffer.from(row.root),
    note: row.note,
    keyId: row.key_id,
    createdAt: row.created_at,
  };
}
