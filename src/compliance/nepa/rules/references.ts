/** References that must resolve: comments to documents, GIS rows to one parent, processes to projects. */
import { GIS_PARENT_COLUMNS } from '../entities.js';
import { hasColumn } from '../schema-info.js';
import { rowColumns } from './helpers.js';
import { CEQ_STANDARD, type DataRule } from './rule.js';

export const REFERENCE_RULES: readonly DataRule[] = [
  {
    kind: 'data',
    id: 'comment-document-missing',
    family: 'reference',
    entities: ['public_comment'],
    citation: `${CEQ_STANDARD} (public_comment.parent_document_id)`,
    severity: 'error',
    description: 'a comment refers only to documents that exist (parent_document_id and cited_document_id)',
    query(ctx) {
      const comments = ctx.table('public_comment');
      const documents = ctx.table('document');
      const cited = hasColumn(ctx.schema, ctx.tableName('public_comment'), 'cited_document_id');
      const dangling = (column: string) =>
        `(c.${column} is not null and not exists (select 1 from ${documents} d where d.id = c.${column}))`;
      const tests = [dangling('parent_document_id'), ...(cited ? [dangling('cited_document_id')] : [])];
      const detail = cited
        ? `'cites document ' || coalesce(c.cited_document_id, c.parent_document_id)::text || ', which does not exist'`
        : `'refers to document ' || c.parent_document_id::text || ', which does not exist'`;
      return {
        sql: `select ${rowColumns(ctx, 'c', detail)} from ${comments} c
               where ${tests.join(' or ')} order by c.id`,
        params: [],
        requires: { public_comment: ['id', 'parent_document_id'], document: ['id'] },
      };
    },
  },
  {
    kind: 'data',
    id: 'gis-parent-count',
    family: 'reference',
    entities: ['gis_data'],
    citation: `${CEQ_STANDARD} (gis_data parent columns)`,
    severity: 'error',
    description: 'a GIS row belongs to exactly one parent record',
    query(ctx) {
      const table = ctx.table('gis_data');
      const present = GIS_PARENT_COLUMNS.filter((column) =>
        hasColumn(ctx.schema, ctx.tableName('gis_data'), column),
      );
      const count = `num_nonnulls(${present.map((column) => `g.${column}`).join(', ')})`;
      return {
        sql: `select ${rowColumns(ctx, 'g', `${count}::text || ' parents'`)} from ${table} g
               where ${count} <> 1 order by g.id`,
        params: [],
        requires: { gis_data: ['id', 'parent_project_id'] },
      };
    },
  },
  {
    kind: 'data',
    id: 'gis-element-parent-missing',
    family: 'reference',
    entities: ['gis_data_element'],
    citation: `${CEQ_STANDARD} (gis_data_element.parent_gis)`,
    severity: 'error',
    description: 'a GIS data element belongs to a GIS row',
    query: (ctx) => ({
      sql: `select ${rowColumns(ctx, 'x', `'parent_gis is empty'`)} from ${ctx.table('gis_data_element')} x
             where x.parent_gis is null order by x.id`,
      params: [],
      requires: { gis_data_element: ['id', 'parent_gis'] },
    }),
  },
  {
    kind: 'data',
    id: 'process-project-missing',
    family: 'reference',
    entities: ['process'],
    citation: `${CEQ_STANDARD} (process.parent_project_id)`,
    severity: 'error',
    description: 'a NEPA process belongs to a project',
    query: (ctx) => ({
      sql: `select ${rowColumns(ctx, 'p', `'parent_project_id is empty'`)} from ${ctx.table('process')} p
             where p.parent_project_id is null order by p.id`,
      params: [],
      requires: { process: ['id', 'parent_project_id'] },
    }),
  },
];
