/** Required fields: a project and a process name their lead agency, rows have a title and a type. */
import type { NepaEntity } from '../entities.js';
import { rowColumns } from './helpers.js';
import { CEQ_STANDARD, type DataQuery, type DataRule, type QueryContext } from './rule.js';

const blank = (column: string) => `coalesce(trim(t.${column}), '') = ''`;

function missing(ctx: QueryContext, entity: NepaEntity, column: string): DataQuery {
  return {
    sql: `select ${rowColumns(ctx, 't', `'${column} is empty'`)}
            from ${ctx.table(entity)} t where ${blank(column)} order by t.id`,
    params: [],
    requires: { [entity]: ['id', column] },
  };
}

export const REQUIRED_RULES: readonly DataRule[] = [
  {
    kind: 'data',
    id: 'lead-agency-missing',
    family: 'required',
    entities: ['project', 'process'],
    citation: `${CEQ_STANDARD} (project.lead_agency, process.lead_agency); 42 U.S.C. 4336a(a)`,
    severity: 'error',
    description: 'every project and NEPA process names its lead agency',
    query: (ctx, entity) => missing(ctx, entity, 'lead_agency'),
  },
  {
    kind: 'data',
    id: 'title-missing',
    family: 'required',
    entities: ['project', 'document'],
    citation: `${CEQ_STANDARD} (project.title, document.title)`,
    severity: 'error',
    description: 'every project and document has a title',
    query: (ctx, entity) => missing(ctx, entity, 'title'),
  },
  {
    kind: 'data',
    id: 'process-type-missing',
    family: 'required',
    entities: ['process'],
    citation: `${CEQ_STANDARD} (process.type); 42 U.S.C. 4336`,
    severity: 'error',
    description: 'every NEPA process has a level of review (CE, EA or EIS)',
    query: (ctx, entity) => missing(ctx, entity, 'type'),
  },
];
