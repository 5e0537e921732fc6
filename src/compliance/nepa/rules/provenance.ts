/** v1.2 provenance: every record says who owns it and where it came from. */
import { NEPA_ENTITIES, PROVENANCE_COLUMNS } from '../entities.js';
import { rowColumns } from './helpers.js';
import { CEQ_STANDARD, type DataRule } from './rule.js';

export const PROVENANCE_RULES: readonly DataRule[] = [
  {
    kind: 'data',
    id: 'provenance-missing',
    family: 'provenance',
    entities: NEPA_ENTITIES,
    citation: `${CEQ_STANDARD} (provenance fields)`,
    severity: 'error',
    description: 'a record carries at least one v1.2 provenance field',
    query: (ctx, entity) => ({
      sql: `select ${rowColumns(ctx, 't', `'every provenance field is empty'`)} from ${ctx.table(entity)} t
             where num_nonnulls(${PROVENANCE_COLUMNS.map((column) => `t.${column}`).join(', ')}) = 0
             order by t.id`,
      params: [],
      requires: { [entity]: ['id', ...PROVENANCE_COLUMNS] },
    }),
  },
];
