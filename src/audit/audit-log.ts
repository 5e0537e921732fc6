import type { Clock } from '../core/index.js';
import type { Store } from '../store/index.js';
import { latestCheckpoint, listCheckpoints, type StoredCheckpoint, writeCheckpoint } from './checkpoints.js';
import type { AuditEvent } from './event.js';
import { type AuditContext, type AuditEventInput, appendEvents, readHead, type TreeHead } from './log.js';
import { type NoteSigner, verifierOf } from './note.js';
import { type ConsistencyProof, type InclusionProof, proveConsistency, proveInclusion } from './proofs.js';
import { listPrunes, type StoredPrune } from './prune.js';
import { type ListEventsOptions, listEvents } from './query.js';
import { type VerifyLogOptions, type VerifyReport, verifyLog } from './verify-log.js';

export interface AuditLogOptions {
  store: Store;
  context: AuditContext;
  clock: Clock;
  /** Checkpoint origin line, e.g. `cara.local/my-repo`. */
  origin: string;
  /** Loads the signing key on first use, so read-only commands work without it. */
  signer: () => NoteSigner;
  externalCheckpointDir?: string | undefined;
}

/** The audit trail of one store: append, query, checkpoint, prove and verify. */
export class AuditLog {
  /** How many events this instance appended; the CLI signs a checkpoint when it is non-zero. */
  appended = 0;

  constructor(private readonly options: AuditLogOptions) {}

  /** The identity recorded when an event names none. */
  get actor(): string {
    return this.options.context.actor;
  }

  async record(input: AuditEventInput): Promise<AuditEvent> {
    const [event] = await this.recordMany([input]);
    if (!event) throw new Error('append returned no event');
    return event;
  }

  async recordMany(inputs: readonly AuditEventInput[]): Promise<AuditEvent[]> {
    // Load the key first: events appended by a command that then cannot sign would sit uncovered.
    this.options.signer();
    const events = await appendEvents(this.options.store, this.options.context, inputs, this.options.clock);
    this.appended += events.length;
    return events;
  }

  head(): Promise<TreeHead> {
    return readHead(this.options.store.db);
  }

  list(options?: ListEventsOptions): Promise<AuditEvent[]> {
    return listEvents(this.options.store.db, options);
  }

  /** Retention prunings, oldest first: which indexes went into which archive bundle. */
  prunes(): Promise<StoredPrune[]> {
    return listPrunes(this.options.store.db);
  }

  checkpoints(): Promise<StoredCheckpoint[]> {
    return listCheckpoints(this.options.store.db);
  }

  checkpoint(): Promise<StoredCheckpoint> {
    const { store, origin, clock, externalCheckpointDir } = this.options;
    return writeCheckpoint(store, {
      origin,
      clock,
      signer: this.options.signer(),
      externalDir: externalCheckpointDir,
    });
  }

  /** Inclusion proof of an event (by id or index) against the latest checkpoint, signing one if needed. */
  async prove(eventId: string): Promise<{ proof: InclusionProof; checkpoint: StoredCheckpoint }> {
    const db = this.options.store.db;
    let checkpoint = await latestCheckpoint(db);
    const head = await readHead(db);
    if (!checkpoint || checkpoint.size < head.size) checkpoint = await this.checkpoint();
    const proof = await proveInclusion(db, eventId, checkpoint.size, checkpoint.root);
    return { proof, checkpoint };
  }

  proveConsistency(from: TreeHead, to: TreeHead): Promise<ConsistencyProof> {
    return proveConsistency(this.options.store.db, from, to);
  }

  verify(options: Partial<Omit<VerifyLogOptions, 'dialect'>> = {}): Promise<VerifyReport> {
    const verifiers = options.verifiers ?? [verifierOf(this.options.signer())];
    const { store } = this.options;
    return store.snapshot((db) => verifyLog(db, { ...options, verifiers, dialect: store.dialect }));
  }
}
