import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { type AuditEvent, eventFromLeaf } from './event.js';

export interface ListEventsOptions {
  /** ISO time or date; events at or after it. */
  since?: string | undefined;
  type?: string | undefined;
  actor?: string | undefined;
  limit?: number | undefined;
}

/**
 * Events in log order (without those pruned by retention), filtered on the columns the database derives from each leaf, and read back
 * from the leaf itself. Type filters ending in `.` or `*` match a whole category.
 */
export async function listEvents(
  db: Kysely<Database>,
  options: ListEventsOptions = {},
): Promise<AuditEvent[]> {
  // Events pruned by retention have no id (their leaf is a marker); `listPrunes` reports them.
  let query = db.selectFrom('audit_events').select(['seq', 'leaf']).where('id', 'is not', null);
  if (options.since) query = query.where('time', '>=', new Date(options.since).toISOString());
  if (options.type) {
    const prefix = options.type.replace(/\*$/, '');
    query = prefix.endsWith('.')
      ? query.where('type', 'like', `${prefix}%`)
      : query.where('type', '=', options.type);
  }
  if (options.actor) query = query.where('actor', '=', options.actor);
  if (options.limit !== undefined) {
    // The newest `limit` events, still printed oldest first.
    const rows = await query.orderBy('seq', 'desc').limit(options.limit).execute();
    return rows.reverse().map((r) => eventFromLeaf(r.leaf));
  }
  const rows = await query.orderBy('seq').execute();
  return rows.map((r) => eventFromLeaf(r.leaf));
}
