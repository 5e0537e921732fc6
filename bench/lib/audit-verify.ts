import type { Kysely } from 'kysely';
import type { AuditLog, TreeHead } from '../../src/audit/index.js';
import type { Database } from '../../src/store/index.js';
import { hashTree, hashTreeOneShot, readLeafBytes } from './audit-limit.js';
import { formatCount, formatDuration } from './format.js';
import { bestOfInterleaved, perSecond } from './timing.js';

export interface Throughput {
  events: number;
  runsMs: number[];
  bestMs: number;
  eventsPerSecond: number;
}

export interface VerifyAgainstLimit {
  verify: Throughput & { ok: boolean; failure?: string };
  /** createHash per leaf and per node over the in-memory leaf bytes: the target's yardstick. */
  limit: Throughput & { leafBytes: number; hashes: number; rootMatches: boolean };
  /** The same tree with one-shot `crypto.hash`; for reference, not part of the target. */
  oneShot: Throughput & { rootMatches: boolean };
  /** limit time / verify time (= verify events/s / limit events/s). */
  ratio: number;
  oneShotRatio: number;
}

/**
 * Times `audit.verify()` and the SHA-256 limit over the very bytes verify hashes, interleaved in
 * `runs` rounds, and keeps each one's best run. The leaf bytes are read before any timing starts.
 */
export async function measureVerifyAgainstLimit(
  audit: AuditLog,
  db: Kysely<Database>,
  head: TreeHead,
  runs: number,
  note: (line: string) => void,
  signal?: AbortSignal,
): Promise<VerifyAgainstLimit> {
  note('  reading the leaf bytes for the SHA-256 limit (untimed)');
  const leaves = await readLeafBytes(db);
  const leafBytes = leaves.reduce((sum, leaf) => sum + leaf.length, 0);
  const every = Math.max(10_000, Math.floor(head.size / 4));
  let printed = 0;
  const best = await bestOfInterleaved(
    runs,
    {
      verify: () =>
        audit.verify({
          // Called once per page (and once more after the last): print at most every `every` events.
          onProgress: (checked, total) => {
            if (checked === printed || (checked < printed + every && checked < total)) return;
            note(`    verified ${formatCount(checked)} / ${formatCount(total)}`);
            printed = checked;
          },
        }),
      limit: () => hashTree(leaves),
      oneShot: () => hashTreeOneShot(leaves),
    },
    (run, task, ms) => {
      note(`  round ${run}/${runs}: ${task} ${formatDuration(ms)}`);
      printed = 0;
    },
    signal,
  );
  const report = best.verify.result;
  const failure = report.ok ? undefined : (report.failure?.reason ?? 'unknown failure');
  if (failure) note(`  verify reported a failure: ${failure}`);
  const rootMatches = best.limit.result.root.equals(head.root);
  if (!rootMatches)
    note('  the limit computed another root than the log: it did not hash what verify hashes');
  const throughput = (events: number, runsMs: number[], bestMs: number): Throughput => ({
    events,
    runsMs,
    bestMs,
    eventsPerSecond: perSecond(events, bestMs),
  });
  return {
    verify: {
      ...throughput(report.events, best.verify.runsMs, best.verify.bestMs),
      ok: report.ok && report.events === head.size,
      ...(failure ? { failure } : {}),
    },
    limit: {
      ...throughput(leaves.length, best.limit.runsMs, best.limit.bestMs),
      leafBytes,
      hashes: best.limit.result.hashes,
      rootMatches,
    },
    oneShot: {
      ...throughput(leaves.length, best.oneShot.runsMs, best.oneShot.bestMs),
      rootMatches: best.oneShot.result.root.equals(head.root),
    },
    ratio: best.limit.bestMs / best.verify.bestMs,
    oneShotRatio: best.oneShot.bestMs / best.verify.bestMs,
  };
}
