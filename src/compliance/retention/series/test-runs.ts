import { chunks, groupBy, present, type RecordSeries } from './series.js';

/** Test runs, each with its per-test results, the change it was for and its model observations. */
export const testRunsSeries: RecordSeries = {
  name: 'test-runs',
  age: 'the run time (created_at)',
  async candidates(db, { before }) {
    const rows = await db
      .selectFrom('test_runs')
      .select(['id', 'created_at', 'commit'])
      .where('created_at', '<', before)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ key: r.id, time: r.created_at, subjects: present([r.id, r.commit]) }));
  },
  async export(db, keys) {
    const out: unknown[] = [];
    for (const chunk of chunks(keys)) {
      const runs = await db.selectFrom('test_runs').selectAll().where('id', 'in', chunk).execute();
      const results = groupBy(
        await db.selectFrom('test_results').selectAll().where('run_id', 'in', chunk).execute(),
        (r) => r.run_id,
      );
      const changes = groupBy(
        await db.selectFrom('test_run_changes').selectAll().where('run_id', 'in', chunk).execute(),
        (r) => r.run_id,
      );
      const observations = groupBy(
        await db.selectFrom('test_observations').selectAll().where('run_id', 'in', chunk).execute(),
        (r) => r.run_id,
      );
      const byId = new Map(runs.map((r) => [r.id, r]));
      for (const id of chunk) {
        out.push({
          run: byId.get(id) ?? null,
          results: results.get(id) ?? [],
          change: changes.get(id)?.[0] ?? null,
          observations: observations.get(id) ?? [],
        });
      }
    }
    return out;
  },
  async delete(trx, keys) {
    let deleted = 0;
    for (const chunk of chunks(keys)) {
      await trx.deleteFrom('test_results').where('run_id', 'in', chunk).execute();
      await trx.deleteFrom('test_run_changes').where('run_id', 'in', chunk).execute();
      await trx.deleteFrom('test_observations').where('run_id', 'in', chunk).execute();
      const result = await trx.deleteFrom('test_runs').where('id', 'in', chunk).executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    return deleted;
  },
};
