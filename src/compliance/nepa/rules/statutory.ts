/**
 * The 2023 amendments to NEPA (42 U.S.C. 4336a): deadlines and page limits for EAs and EISs, and an
 * EIS that starts with a notice of intent and ends with a record of decision.
 */
import type { NepaEntity } from '../entities.js';
import { hasEventOrDocument, lowered, rowColumns } from './helpers.js';
import { Binder, type DataQuery, type DataRule, type QueryContext } from './rule.js';

const USC = '42 U.S.C. 4336a';

/** Processes of `type` not finished within `months` of their start, without an extension. */
function overdue(ctx: QueryContext, type: 'EA' | 'EIS', months: number): DataQuery {
  const b = new Binder();
  const kind = b.bind(type, 'text');
  const span = b.bind(months, 'int');
  const extension = hasEventOrDocument(ctx, b, 'p', ctx.parameters.extensionTypes);
  const end = 'coalesce(p.complete_date, current_date)';
  const detail = `p.type || ' started ' || p.start_date::text || ', ' ||
    case when p.complete_date is null then 'still open' else 'completed ' || p.complete_date::text end ||
    ', no extension'`;
  return {
    sql: `select ${rowColumns(ctx, 'p', detail)} from ${ctx.table('process')} p
           where p.type = ${kind} and p.start_date is not null
             and ${end} > p.start_date + make_interval(months => ${span})
             and not ${extension}
           order by p.id`,
    params: b.params,
    requires: { process: ['id', 'type', 'start_date', 'complete_date'] },
  };
}

/** Documents of an EA or EIS over the page limit (the EIS limit rises with extraordinary complexity). */
function overLength(ctx: QueryContext, type: 'EA' | 'EIS'): DataQuery {
  const b = new Binder();
  const { parameters } = ctx;
  const kind = b.bind(type, 'text');
  const types = b.bind(
    lowered(type === 'EA' ? parameters.eaDocumentTypes : parameters.eisDocumentTypes),
    'text[]',
  );
  const limit =
    type === 'EA'
      ? b.bind(parameters.eaPageLimit, 'int')
      : `case when p.extraordinary_complexity then ${b.bind(parameters.eisComplexPageLimit, 'int')}
              else ${b.bind(parameters.eisPageLimit, 'int')} end`;
  return {
    sql: `select ${rowColumns(ctx, 'd', `d.document_type || ' of ' || d.page_count::text || ' pages, limit ' || (${limit})::text`)}
            from ${ctx.table('document')} d join ${ctx.table('process')} p on p.id = d.parent_process_id
           where p.type = ${kind} and lower(d.document_type) = any(${types}) and d.page_count > ${limit}
           order by d.id`,
    params: b.params,
    requires: {
      document: ['id', 'parent_process_id', 'document_type', 'page_count'],
      process: ['id', 'type', ...(type === 'EIS' ? ['extraordinary_complexity'] : [])],
    },
  };
}

/** EISs lacking an event or document named in `names` (only completed ones when `completed`). */
function eisWithout(
  ctx: QueryContext,
  names: readonly string[],
  what: string,
  completed: boolean,
): DataQuery {
  const b = new Binder();
  const found = hasEventOrDocument(ctx, b, 'p', names);
  return {
    sql: `select ${rowColumns(ctx, 'p', `'EIS ' || coalesce(p.status, '') || ' without ${what}'`)}
            from ${ctx.table('process')} p
           where p.type = 'EIS' ${completed ? `and lower(p.status) = 'completed'` : ''} and not ${found}
           order by p.id`,
    params: b.params,
    requires: {
      process: ['id', 'type', 'status'],
      case_event: ['parent_process_id', 'type'],
      document: ['parent_process_id', 'document_type'],
    },
  };
}

const rule = (
  id: string,
  entity: NepaEntity,
  citation: string,
  description: string,
  query: (ctx: QueryContext) => DataQuery,
): DataRule => ({
  kind: 'data',
  id,
  family: 'statutory',
  entities: [entity],
  citation,
  severity: 'error',
  description,
  query,
});

export const STATUTORY_RULES: readonly DataRule[] = [
  rule(
    'ea-over-one-year-without-extension',
    'process',
    `${USC}(g)(1)(B), (g)(2)`,
    'an EA is completed within 1 year (template: eaMonths) unless the deadline was extended',
    (ctx) => overdue(ctx, 'EA', ctx.parameters.eaMonths),
  ),
  rule(
    'eis-over-two-years-without-extension',
    'process',
    `${USC}(g)(1)(A), (g)(2)`,
    'an EIS is completed within 2 years (template: eisMonths) unless the deadline was extended',
    (ctx) => overdue(ctx, 'EIS', ctx.parameters.eisMonths),
  ),
  rule(
    'ea-over-75-pages',
    'document',
    `${USC}(e)(2)`,
    'an EA has at most 75 pages (template: eaPageLimit), citations and appendices excluded',
    (ctx) => overLength(ctx, 'EA'),
  ),
  rule(
    'eis-over-150-pages',
    'document',
    `${USC}(e)(1)`,
    'an EIS has at most 150 pages, 300 with extraordinary complexity (template: eisPageLimit, eisComplexPageLimit)',
    (ctx) => overLength(ctx, 'EIS'),
  ),
  rule(
    'eis-without-noi',
    'process',
    `${USC}(c), (g)(1)(A)`,
    'an EIS begins with a notice of intent (an NOI event or document)',
    (ctx) => eisWithout(ctx, ctx.parameters.noiTypes, 'a notice of intent', false),
  ),
  rule(
    'eis-completed-without-rod',
    'process',
    'agency NEPA procedures (formerly 40 CFR 1505.2, the record of decision)',
    'a completed EIS ends with a record of decision (a ROD event or document)',
    (ctx) => eisWithout(ctx, ctx.parameters.rodTypes, 'a record of decision', true),
  ),
];
