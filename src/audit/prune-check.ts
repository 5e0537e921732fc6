import { type NoteVerifier, noteSignedBy, parseNote } from './note.js';
import {
  type AuditPruneStatement,
  PrunedLeavesDigest,
  prunedBundleOf,
  pruneStatementOf,
  type StoredPrune,
} from './prune.js';
import type { VerifyFailure } from './verify-failure.js';

interface Tracked {
  first: number;
  statement: AuditPruneStatement;
  digest: PrunedLeavesDigest;
}

/**
 * What `verify` knows of retention prunings: each one's signed statement, checked against the
 * trusted keys up front, and the pruned markers met during the scan, checked against it at the end.
 */
export class PruneTracker {
  private readonly byId = new Map<string, Tracked>();

  private constructor() {}

  /** Checks every stored pruning's manifest signature and statement; fails on the first bad one. */
  static load(
    prunes: readonly StoredPrune[],
    verifiers: readonly NoteVerifier[],
  ): { tracker: PruneTracker; failure?: undefined } | { failure: VerifyFailure } {
    const tracker = new PruneTracker();
    for (const prune of prunes) {
      const index = prune.ranges[0]?.[0] ?? 0;
      const bad = (reason: string) => ({ failure: { index, kind: 'pruned' as const, reason } });
      let statement: AuditPruneStatement;
      try {
        const note = parseNote(prune.manifest);
        if (!verifiers.some((v) => noteSignedBy(note, v))) {
          return bad(
            `the manifest of retention bundle ${prune.id} is not signed by a trusted key: the pruning was not made with this log's key (pass the old public key with --key)`,
          );
        }
        statement = pruneStatementOf(prune.manifest);
      } catch (error) {
        return bad(`the manifest of retention bundle ${prune.id} is malformed: ${(error as Error).message}`);
      }
      if (statement.id !== prune.id || statement.events !== prune.events) {
        return bad(`the record of retention bundle ${prune.id} does not match its signed manifest`);
      }
      tracker.byId.set(prune.id, { first: index, statement, digest: new PrunedLeavesDigest() });
    }
    return { tracker };
  }

  get size(): number {
    return [...this.byId.values()].reduce((sum, t) => sum + t.digest.count, 0);
  }

  /** A pruned marker at `seq` whose row keeps `leafHash`. */
  accept(seq: number, leaf: string, leafHash: Uint8Array): VerifyFailure | undefined {
    const id = prunedBundleOf(leaf);
    const tracked = id === undefined ? undefined : this.byId.get(id);
    if (!tracked) {
      return {
        index: seq,
        kind: 'pruned',
        reason: `event ${seq} is marked pruned${id ? ` into bundle ${id}` : ''}, but no signed retention manifest records that pruning: its content was removed outside cara`,
      };
    }
    tracked.digest.update(seq, leafHash);
    return undefined;
  }

  /** Each pruning's markers must be exactly the events its manifest signed. */
  finish(): VerifyFailure | undefined {
    for (const { first, statement, digest } of this.byId.values()) {
      const count = digest.count;
      if (count !== statement.events || digest.digest() !== statement.leaves) {
        return {
          index: first,
          kind: 'pruned',
          reason: `the events marked pruned into bundle ${statement.id} (${count}) are not the ${statement.events} its signed manifest lists: events were pruned, restored or re-marked outside cara`,
        };
      }
    }
    return undefined;
  }
}
