import { chunks, present, type RecordSeries } from './series.js';

/** Failures found by `cara failures analyze` (the analyses themselves, a few counts, stay). */
export const failureRecordsSeries: RecordSeries = {
  name: 'failure-records',
  age: 'the analysis time (created_at)',
  async candidates(db, { before }) {
    const rows = await db
      .selectFrom('failure_records')
      .select(['id', 'created_at', 'run_id', 'analysis_id', 'test_id', 'signature'])
      .where('created_at', '<', before)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      key: r.id,
      time: r.created_at,
      subjects: present([r.id, r.run_id, r.analysis_id, r.test_id, r.signature]),
    }));
  },
  async export(db, keys) {
    const out: unknown[] = [];
    for (const chunk of chunks(keys)) {
      const rows = await db.selectFrom('failure_records').selectAll().where('id', 'in', chunk).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const id of chunk) out.push(byId.get(id) ?? null);
    }
    return out;
  },
  async delete(trx, keys) {
    let deleted = 0;
    for (const chunk of chunks(keys)) {
      const result = await trx.deleteFrom('failure_records').where('id', 'in', chunk).executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    return deleted;
  },
};
