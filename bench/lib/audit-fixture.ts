import { join } from 'node:path';
import {
  type AuditEventInput,
  AuditLog,
  createSigningKey,
  loadSigner,
  type NoteSigner,
  type TreeHead,
} from '../../src/audit/index.js';
import { systemClock } from '../../src/core/index.js';
import type { Store } from '../../src/store/index.js';
import { checkInterrupt } from './cleanup.js';

const ORIGIN = 'bench.local/audit';

/** Creates the checkpoint signing key in `dir` and returns a loader for it (as the CLI wires it). */
export function benchSigner(dir: string): () => NoteSigner {
  const file = join(dir, 'key.pem');
  createSigningKey(file);
  const signer = loadSigner(file, ORIGIN);
  return () => signer;
}

/** An AuditLog over `store` with a fixed context, the system clock and the bench signing key. */
export function benchAuditLog(store: Store, signer: () => NoteSigner): AuditLog {
  return new AuditLog({
    store,
    clock: systemClock,
    origin: ORIGIN,
    signer,
    context: {
      host: 'bench-host',
      repository: 'github.com/example/cara-bench',
      environment: 'bench',
      actor: 'bench@example.com',
      component: 'bench',
      command: 'bench audit',
    },
  });
}

/** A typical small event: a test run with a handful of detail fields (about 450 bytes of leaf text). */
export function benchEvent(i: number): AuditEventInput {
  return {
    type: 'test.run',
    outcome: i % 50 === 0 ? 'failure' : 'success',
    subject: `suite-${i % 97}`,
    details: { run: i, passed: 120 + (i % 7), failed: i % 50 === 0 ? 1 : 0, durationMs: 1_000 + (i % 500) },
  };
}

export function benchEvents(from: number, count: number): AuditEventInput[] {
  return Array.from({ length: count }, (_, k) => benchEvent(from + k));
}

export interface BuildLogOptions {
  events: number;
  batch: number;
  /** Sizes (ascending, within 1..events) at which to keep the tree head; batches are cut there. */
  snapshotAt: readonly number[];
  onProgress?: (done: number, total: number) => void;
  progressEvery: number;
  /** Stops between batches once aborted. */
  signal?: AbortSignal;
}

/**
 * Appends `events` events with `recordMany` in batches of `batch`, keeping `head()` at the requested
 * sizes: independent roots of older trees, which consistency proofs are checked against.
 */
export async function buildLog(audit: AuditLog, options: BuildLogOptions): Promise<TreeHead[]> {
  const snapshots: TreeHead[] = [];
  const pending = [...new Set(options.snapshotAt)].sort((a, b) => a - b);
  let done = 0;
  let nextProgress = options.progressEvery;
  while (done < options.events) {
    while (pending[0] !== undefined && pending[0] <= done) pending.shift();
    const cut = Math.min(pending[0] ?? options.events, options.events);
    const count = Math.min(options.batch, cut - done);
    await audit.recordMany(benchEvents(done, count));
    done += count;
    await checkInterrupt(options.signal);
    if (pending[0] === done) snapshots.push(await audit.head());
    if (done >= nextProgress || done === options.events) {
      options.onProgress?.(done, options.events);
      while (nextProgress <= done) nextProgress += options.progressEvery;
    }
  }
  return snapshots;
}
