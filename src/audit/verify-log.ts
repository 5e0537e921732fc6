import type { Kysely } from 'kysely';
import type { Database, Dialect } from '../store/index.js';
import { listCheckpoints } from './checkpoints.js';
import type { RootTarget } from './leaf-checker.js';
import { inlineSink, type LeafRow, workerSink } from './leaf-sinks.js';
import { readHead } from './log.js';
import { type NoteVerifier, noteSignedBy, parseCheckpointBody, parseNote } from './note.js';
import type { VerifyFailure } from './verify-failure.js';

export type { VerifyFailure, VerifyFailureKind } from './verify-failure.js';

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
  dialect: Dialect;
  /** Hash in a worker thread (default: for logs of 100,000 events or more). */
  parallel?: 'inline' | 'worker';
  /** Keys whose checkpoint signatures are trusted. */
  verifiers: readonly NoteVerifier[];
  /** Checkpoint notes kept outside the store; they catch a wholesale rewrite. */
  external?: readonly { label: string; note: string }[];
  pageSize?: number;
  onProgress?: (checked: number, total: number) => void;
}

type Target = RootTarget;

const PARALLEL_FROM = 100_000;

/**
 * Recomputes every leaf and every stored tree node from the events, and the root at every
 * checkpoint; stops at the first discrepancy and names its index. One sequential pass.
 */
export async function verifyLog(db: Kysely<Database>, options: VerifyLogOptions): Promise<VerifyReport> {
  const head = await readHead(db);
  const stored = await listCheckpoints(db);
  const targets: Target[] = [{ size: head.size, root: head.root, label: 'the tree head' }];
  const report = (frontier: { size: number }, failure?: VerifyFailure): VerifyReport => ({
    ok: failure === undefined,
    events: frontier.size,
    size: head.size,
    root: head.root.toString('base64'),
    checkpoints: stored.length,
    externalCheckpoints: options.external?.length ?? 0,
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
  const parallel = options.parallel ?? (head.size >= PARALLEL_FROM ? 'worker' : 'inline');
  const sink = parallel === 'worker' ? workerSink(targets) : inlineSink(targets);

  const pageSize = options.pageSize ?? 10_000;
  let next = 0;
  let readFailure: VerifyFailure | undefined;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .select(['seq', 'leaf', 'hashes'])
      .where('seq', '>=', next)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    // Gaps and rows past the signed size are found here; the sink checks content and hashes.
    let good = rows.length;
    for (let i = 0; i < rows.length; i++) {
      readFailure = checkPosition((rows[i] as LeafRow).seq, next + i, signedSize);
      if (readFailure) {
        good = i;
        break;
      }
    }
    const failure = await sink.add(good === rows.length ? rows : rows.slice(0, good));
    next += good;
    options.onProgress?.(next, head.size);
    if (failure || readFailure || rows.length < pageSize) break;
  }
  const result = await sink.finish();
  const frontier = { size: result.size };
  const failure = result.failure ?? readFailure;
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
  return report(frontier);
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
