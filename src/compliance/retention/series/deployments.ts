import { chunks, groupBy, present, type RecordSeries } from './series.js';

/**
 * Finished deployments with their approvals. A deployment still running, or the one that put a
 * service's current version in place, is never a candidate.
 */
export const deploymentsSeries: RecordSeries = {
  name: 'deployments',
  age: 'the time the deployment finished',
  async candidates(db, { before }) {
    const current = db.selectFrom('deploy_services').select('deployment_id');
    const rows = await db
      .selectFrom('deployments')
      .select(['id', 'service', 'version', 'ref', 'commit', 'finished_at'])
      .where('active', '=', 0)
      .where('finished_at', 'is not', null)
      .where('finished_at', '<', before)
      .where('id', 'not in', current)
      .orderBy('finished_at')
      .execute();
    return rows.map((r) => ({
      key: r.id,
      time: r.finished_at ?? '',
      subjects: present([r.id, r.service, r.version, `${r.service}@${r.version}`, r.ref, r.commit]),
    }));
  },
  async export(db, keys) {
    const out: unknown[] = [];
    for (const chunk of chunks(keys)) {
      const rows = await db.selectFrom('deployments').selectAll().where('id', 'in', chunk).execute();
      const approvals = groupBy(
        await db.selectFrom('deploy_approvals').selectAll().where('deployment_id', 'in', chunk).execute(),
        (r) => r.deployment_id,
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const id of chunk)
        out.push({ deployment: byId.get(id) ?? null, approvals: approvals.get(id) ?? [] });
    }
    return out;
  },
  async delete(trx, keys) {
    let deleted = 0;
    for (const chunk of chunks(keys)) {
      await trx.deleteFrom('deploy_approvals').where('deployment_id', 'in', chunk).execute();
      const result = await trx.deleteFrom('deployments').where('id', 'in', chunk).executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    return deleted;
  },
};
