/** Shared SQL fragments of the data rules. */
import type { Binder, QueryContext } from './rule.js';

/** The select list every data rule returns: row id, seed key and a detail text. */
export function rowColumns(ctx: QueryContext, alias: string, detail: string): string {
  return `${alias}.id::text as row_id, ${ctx.seedKey(alias)} as seed_key, (${detail})::text as detail`;
}

/** Lower-cased names, for case-insensitive matches against `lower(column)`. */
export function lowered(names: readonly string[]): string[] {
  return names.map((name) => name.toLowerCase());
}

/**
 * True when process `alias` has a case event or a document whose type is one of `names`.
 * The names are bound as one text[] parameter.
 */
export function hasEventOrDocument(
  ctx: QueryContext,
  binder: Binder,
  alias: string,
  names: readonly string[],
): string {
  const list = binder.bind(lowered(names), 'text[]');
  return `(exists (select 1 from ${ctx.table('case_event')} e
                    where e.parent_process_id = ${alias}.id and lower(e.type) = any(${list}))
           or exists (select 1 from ${ctx.table('document')} d
                    where d.parent_process_id = ${alias}.id and lower(d.document_type) = any(${list})))`;
}
