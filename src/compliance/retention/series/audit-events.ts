import { listPrunable, pruneEvents } from '../../../audit/index.js';
import { chunks, present, type RecordSeries } from './series.js';

/**
 * The audit log. An expired event's text goes to the archive; its row keeps the leaf hash and
 * tree nodes under a pruned marker, so the log still verifies (docs/decisions/0007).
 */
export const auditEventsSeries: RecordSeries = {
  name: 'audit-events',
  age: 'the event time',
  async candidates(db, { before, auditBelow }) {
    const events = await listPrunable(db, { before, below: auditBelow });
    return events.map((e) => ({
      key: String(e.seq),
      time: e.time,
      subjects: present([e.id, e.subject, e.type]),
    }));
  },
  async export(db, keys) {
    const out: unknown[] = [];
    for (const chunk of chunks(keys.map(Number))) {
      const events = await listPrunable(db, { below: Number.MAX_SAFE_INTEGER, seqs: chunk });
      const bySeq = new Map(events.map((e) => [e.seq, e]));
      for (const seq of chunk) {
        const e = bySeq.get(seq);
        if (!e) throw new Error(`audit event ${seq} is no longer in the log`);
        out.push({ seq, id: e.id, leafHash: e.leafHash.toString('base64'), leaf: e.leaf });
      }
    }
    return out;
  },
  async delete(trx, keys, context) {
    if (keys.length === 0) return 0;
    const pruned = await pruneEvents(trx, {
      manifest: context.manifest,
      seqs: keys.map(Number),
      bundle: context.bundle,
      digest: context.digest,
      createdAt: context.createdAt,
    });
    return pruned.events;
  },
};
