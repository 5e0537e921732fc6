import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { listCheckpoints } from './checkpoints.js';
import { leafText } from './event.js';
import { readHead } from './log.js';
import { Frontier, leafHash, levelsCompletedBy } from './merkle/index.js';
import { type NoteVerifier, noteSignedBy, parseCheckpointBody, parseNote } from './note.js';

export type VerifyFailureKind =
  | 'modified'
  | 'missing'
  | 'inserted'
  | 'truncated'
  | 'node'
  | 'head'
  | 'checkpoint'
  | 'rewritten';

export interface VerifyFailure {
  /** The first event index found to be bad (for checkpoint failures: the checkpoint's last index). */
  index: number;
  kind: VerifyFailureKind;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  size: number;
  root: string;
  checkpoints: number;
  externalCheckpoints: number;
  failure?: VerifyFailure;
}

export interface VerifyLogOptions {
  /** Keys whose checkpoint signatures are trusted. */
  verifiers: readonly NoteVerifier[];
  /** Checkpoint notes kept outside the store; they catch a wholesale rewrite. */
  external?: readonly { label: string; note: string }[];
  pageSize?: number;
  onProgress?: (checked: number, total: number) => void;
}

interface Target {
  size: number;
  root: Buffer;
  label: string;
}

/**
 * Recomputes every leaf and every stored tree node from the events, and the root at every
 * checkpoint; stops at the first discrepancy and names its index. One sequential pass.
 */
export async function verifyLog(db: Kysely<Database>, options: VerifyLogOptions): Promise<VerifyReport> {
  const head = await readHead(db);
  const stored = await listCheckpoints(db);
  const targets: Target[] = [{ size: head.size, root: head.root, label: 'the tree head' }];
  const report = (frontier: Frontier, failure?: VerifyFailure): VerifyReport => ({
    ok: failure === undefined,
    events: frontier.size,
    size: head.size,
    root: head.root.toString('base64'),
    checkpoints: stored.length,
    externalCheckpoints: options.external?.length ?? 0,
    ...(failure ? { failure } : {}),
  });
  const empty = Frontier.empty();

  for (const cp of stored) {
    const failure = checkNote(cp.note, `stored checkpoint ${cp.size}`, options.verifiers, targets);
    if (failure) return report(empty, failure);
  }
  for (const ext of options.external ?? []) {
    const failure = checkNote(ext.note, `checkpoint ${ext.label}`, options.verifiers, targets);
    if (failure) return report(empty, failure);
  }
  // The size the log must have: the largest any signed statement (head or checkpoint) vouches for.
  const signedSize = Math.max(...targets.map((t) => t.size));
  const bySize = new Map<number, Target[]>();
  for (const t of targets) bySize.set(t.size, [...(bySize.get(t.size) ?? []), t]);

  const frontier = Frontier.empty();
  const checkRoot = (): VerifyFailure | undefined => {
    const due = bySize.get(frontier.size);
    if (!due) return undefined;
    const root = frontier.root();
    const bad = due.find((t) => !t.root.equals(root));
    return bad ? rewritten(bad) : undefined;
  };
  const initial = checkRoot();
  if (initial) return report(frontier, initial);

  const pageSize = options.pageSize ?? 10_000;
  let last = -1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', last)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      const failure = checkRow(row, frontier, signedSize) ?? checkRoot();
      if (failure) return report(frontier, failure);
      last = row.seq;
    }
    options.onProgress?.(frontier.size, head.size);
    if (rows.length < pageSize) break;
  }
  if (frontier.size < signedSize) {
    return report(frontier, {
      index: frontier.size,
      kind: 'truncated',
      reason: `the log ends after ${frontier.size} events but ${signedSize} were signed: events from index ${frontier.size} on were removed`,
    });
  }
  if (head.size !== frontier.size) {
    return report(frontier, {
      index: Math.min(head.size, frontier.size),
      kind: 'head',
      reason: `the tree head says ${head.size} events but the log holds ${frontier.size}: the head was altered`,
    });
  }
  return report(frontier);
}

function checkRow(
  row: Parameters<typeof leafText>[0] & { hashes: Buffer },
  frontier: Frontier,
  signedSize: number,
) {
  const expected = frontier.size;
  if (row.seq !== expected) {
    return {
      index: expected,
      kind: 'missing' as const,
      reason: `event ${expected} is missing (the next stored event is ${row.seq}): it was deleted`,
    };
  }
  if (row.seq >= signedSize) {
    return {
      index: row.seq,
      kind: 'inserted' as const,
      reason: `event ${row.seq} is beyond the signed tree (size ${signedSize}): it was inserted outside cara`,
    };
  }
  const hash = leafHash(Buffer.from(leafText(row), 'utf8'));
  const stored = Buffer.from(row.hashes);
  if (stored.length !== 32 * (1 + levelsCompletedBy(row.seq)) || !hash.equals(stored.subarray(0, 32))) {
    return {
      index: row.seq,
      kind: 'modified' as const,
      reason: `event ${row.seq} (${row.id}) does not match its recorded hash: its content was changed or it was moved`,
    };
  }
  const completed = frontier.append(hash);
  for (let level = 1; level < completed.length; level++) {
    if (!completed[level]?.equals(stored.subarray(level * 32, level * 32 + 32))) {
      return {
        index: row.seq,
        kind: 'node' as const,
        reason: `the tree node at level ${level} stored with event ${row.seq} differs from the recomputed one: events before it were changed or reordered`,
      };
    }
  }
  return undefined;
}

function checkNote(
  text: string,
  label: string,
  verifiers: readonly NoteVerifier[],
  targets: Target[],
): VerifyFailure | undefined {
  let size = 0;
  try {
    const note = parseNote(text);
    const checkpoint = parseCheckpointBody(note.body);
    size = checkpoint.size;
    if (!verifiers.some((v) => noteSignedBy(note, v))) {
      const names = note.signatures.map((s) => `${s.name}/${s.keyId.toString('hex')}`).join(', ');
      const keys = verifiers.map((v) => `${v.name}/${v.keyId.toString('hex')}`).join(', ');
      return {
        index: Math.max(0, size - 1),
        kind: 'checkpoint',
        reason: `${label} (size ${size}) is not signed by a trusted key (signed by ${names}; trusted: ${keys}): the log was re-signed with another key, or pass the old public key with --key`,
      };
    }
    targets.push({ size, root: checkpoint.root, label });
    return undefined;
  } catch (error) {
    return {
      index: Math.max(0, size - 1),
      kind: 'checkpoint',
      reason: `${label} is malformed: ${(error as Error).message}`,
    };
  }
}

function rewritten(target: Target): VerifyFailure {
  return {
    index: Math.max(0, target.size - 1),
    kind: 'rewritten',
    reason: `events 0..${target.size - 1} do not hash to the root of ${target.label} (size ${target.size}): the log was rewritten`,
  };
}
