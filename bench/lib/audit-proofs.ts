import type { AuditLog, TreeHead } from '../../src/audit/index.js';
import { randomInt } from './random.js';
import { type LatencySummary, sampleLatency, summarize } from './timing.js';

export interface ProofMeasurement extends LatencySummary {
  treeSize: number;
  warmup: number;
  /** Proof components returned, averaged over the timed calls. */
  meanProofLength: number;
}

/**
 * Latency of `prove(index)` for random indices: what a user gets, i.e. reading the checkpoint, the
 * event row and its O(log n) nodes, building the audit path and verifying it against the checkpoint.
 */
export async function measureInclusionProofs(
  audit: AuditLog,
  head: TreeHead,
  count: number,
  warmup: number,
  random: () => number,
  signal?: AbortSignal,
): Promise<ProofMeasurement> {
  let components = 0;
  const samples = await sampleLatency(
    count,
    warmup,
    async (i) => {
      const { proof } = await audit.prove(String(randomInt(random, 0, head.size)));
      if (i >= warmup) components += proof.proof.length;
    },
    signal,
  );
  return { ...summarize(samples), treeSize: head.size, warmup, meanProofLength: components / count };
}

/**
 * Latency of `proveConsistency(older, head)` where each older head is drawn from `snapshots`, heads
 * kept while the log was built. Includes reading the nodes and verifying the proof against both roots.
 */
export async function measureConsistencyProofs(
  audit: AuditLog,
  snapshots: readonly TreeHead[],
  head: TreeHead,
  count: number,
  warmup: number,
  random: () => number,
  signal?: AbortSignal,
): Promise<ProofMeasurement> {
  let components = 0;
  const samples = await sampleLatency(
    count,
    warmup,
    async (i) => {
      const from = snapshots[randomInt(random, 0, snapshots.length)];
      if (!from) throw new Error('no snapshot to prove consistency from');
      const proof = await audit.proveConsistency(from, head);
      if (i >= warmup) components += proof.proof.length;
    },
    signal,
  );
  return { ...summarize(samples), treeSize: head.size, warmup, meanProofLength: components / count };
}
