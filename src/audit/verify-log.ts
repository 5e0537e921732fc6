import type { Kysely } from 'kysely';
import type { Database, Dialect } from '../store/index.js';
import { listCheckpoints } from './checkpoints.js';
import { LeafChecker, type RootTarget } from './leaf-checker.js';
import { readHead } from './log.js';
import { type NoteVerifier, noteSignedBy, parseCheckpointBody, parseNote } from './note.js';
import { listPrunes } from './prune.js';
import { PruneTracker } from './prune-check.js';
import type { VerifyFailure } from './verify-failure.js';

export type { VerifyFailure, VerifyFailureKind } from './verify-failure.js';

export interface VerifyReport {
  ok: boolean;
  events: number;
  size: number;
  root: string;
  checkpoints: number;
  externalCheckpoints: number;
  /** Events pruned by retention: their leaf text is archived, their hashes still checked. */
  pruned: number;
  failure?: VerifyFailure;
}

export interface VerifyLogOptions {
  dialect: Dialect;
  /** Keys whose checkpoint signatures are trusted. */
  verifiers: readonly NoteVerifier[];
  /** Checkpoint notes kept outside the store; they catch a wholesale rewrite. */
  external?: readonly { label: string; note: string }[];
  pageSize?: number;
  onProgress?: (checked: number, total: number) => void;
}

type Target = RootTarget;

/**
 * Recomputes every leaf and every stored tree node from the events, and the root at every
 * checkpoint; stops at the first discrepancy and names its index. One sequential pass.
 */
export async function verifyLog(db: Kysely<Database>, options: VerifyLogOptions): Promise<VerifyReport> {
  const head = await readHead(db);
  const stored = await listCheckpoints(db);
  const loaded = PruneTracker.load(await listPrunes(db), options.verifiers);
  const tracker = loaded.failure ? undefined : loaded.tracker;
  const targets: Target[] = [{ size: head.size, root: head.root, label: 'the tree head' }];
  const report = (frontier: { size: number }, failure?: VerifyFailure): VerifyReport => ({
    ok: failure === undefined,
    events: frontier.size,
    size: head.size,
    root: head.root.toString('base64'),
    checkpoints: stored.length,
    externalCheckpoints: options.external?.length ?? 0,
    pruned: tracker?.size ?? 0,
    ...(failure ? { failure } : {}),
  });
  const empty = { size: 0 };

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
  if (loaded.failure) return report(empty, loaded.failure);
  const checker = new LeafChecker(targets, tracker);
  let failure = checker.checkRoots();

  const pageSize = options.pageSize ?? 10_000;
  while (!failure) {
    const next = checker.size;
    const rows = await db
      .selectFrom('audit_events')
      .select(['seq', 'leaf', 'hashes'])
      .where('seq', '>=', next)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      failure = checkPosition(row.seq, checker.size, signedSize) ?? checker.add(row.leaf, row.hashes);
      if (failure) break;
    }
    options.onProgress?.(checker.size, head.size);
    if (rows.length < pageSize) break;
  }
  const frontier = { size: checker.size };
  if (failure) return report(frontier, failure);
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
  return report(frontier, tracker?.finish());
}

function checkPosition(seq: number, expected: number, signedSize: number): VerifyFailure | undefined {
  if (seq !== expected) {
    return {
      index: expected,
      kind: 'missing',
      reason: `event ${expected} is missing (the next stored event is ${seq}): it was deleted`,
    };
  }
  if (seq >= signedSize) {
    return {
      index: seq,
      kind: 'inserted',
      reason: `event ${seq} is beyond the signed tree (size ${signedSize}): it was inserted outside cara`,
    };
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
