/**
 * Timings that agency NEPA procedures set (the former CEQ regulations' 45-day draft-EIS comment
 * period and 30-day wait after a final EIS), as per-agency template parameters, not constants.
 */
import type { Agencies } from '../parameters.js';
import { lowered, rowColumns } from './helpers.js';
import { Binder, type DataRule, type QueryContext } from './rule.js';

type Timing = 'draftEisCommentDays' | 'finalEisWaitDays';

/**
 * A lateral `days` column: the lead agency's (or record owner's) setting, else the default.
 * Agency names and days are bound as two parallel arrays.
 */
function agencyDays(agencies: Agencies, timing: Timing, binder: Binder, alias: string): string {
  const names: string[] = [];
  const days: number[] = [];
  for (const [key, setting] of Object.entries(agencies)) {
    if (key === 'default') continue;
    for (const name of lowered([key, ...setting.aliases])) {
      names.push(name);
      days.push(setting[timing]);
    }
  }
  const fallback = binder.bind(agencies.default[timing], 'int');
  return `coalesce((select a.days from unnest(${binder.bind(names, 'text[]')}, ${binder.bind(days, 'int[]')}) as a(name, days)
            where a.name in (lower(${alias}.lead_agency), lower(${alias}.record_owner_agency)) limit 1), ${fallback})`;
}

function commentPeriod(ctx: QueryContext) {
  const b = new Binder();
  const days = agencyDays(ctx.agencies, 'draftEisCommentDays', b, 'p');
  return {
    sql: `select ${rowColumns(ctx, 'p', `'comment period of ' || (p.comment_end - p.comment_start)::text || ' days, agency minimum ' || (${days})::text`)}
            from ${ctx.table('process')} p
           where p.type = 'EIS' and p.comment_start is not null and p.comment_end is not null
             and p.comment_end - p.comment_start < ${days}
           order by p.id`,
    params: b.params,
    requires: {
      process: ['id', 'type', 'comment_start', 'comment_end', 'lead_agency', 'record_owner_agency'],
    },
  };
}

function recordOfDecisionWait(ctx: QueryContext) {
  const b = new Binder();
  const finals = b.bind(lowered(ctx.parameters.finalEisDocumentTypes), 'text[]');
  const rods = b.bind(lowered(ctx.parameters.rodTypes), 'text[]');
  const days = agencyDays(ctx.agencies, 'finalEisWaitDays', b, 'p');
  return {
    sql: `with f as (
            select d.parent_process_id as pid, max(d.publish_date) as day from ${ctx.table('document')} d
             where lower(d.document_type) = any(${finals}) and d.publish_date is not null group by 1),
          r as (
            select pid, min(day) as day from (
              select d.parent_process_id as pid, d.publish_date as day from ${ctx.table('document')} d
               where lower(d.document_type) = any(${rods})
              union all
              select e.parent_process_id, (e.datetime at time zone 'UTC')::date from ${ctx.table('case_event')} e
               where lower(e.type) = any(${rods})) x
             where day is not null group by 1)
          select ${rowColumns(ctx, 'p', `'record of decision ' || (r.day - f.day)::text || ' days after the final EIS, agency minimum ' || (${days})::text`)}
            from ${ctx.table('process')} p join f on f.pid = p.id join r on r.pid = p.id
           where p.type = 'EIS' and r.day - f.day < ${days}
           order by p.id`,
    params: b.params,
    requires: {
      process: ['id', 'type', 'lead_agency', 'record_owner_agency'],
      document: ['parent_process_id', 'document_type', 'publish_date'],
      case_event: ['parent_process_id', 'type', 'datetime'],
    },
  };
}

export const AGENCY_RULES: readonly DataRule[] = [
  {
    kind: 'data',
    id: 'eis-comment-period-short',
    family: 'agency',
    entities: ['process'],
    citation: 'agency NEPA procedures (formerly 40 CFR 1506.11(d)); template agencies.*.draftEisCommentDays',
    severity: 'error',
    description: "a draft EIS comment period lasts at least the lead agency's minimum",
    query: commentPeriod,
  },
  {
    kind: 'data',
    id: 'eis-rod-wait-short',
    family: 'agency',
    entities: ['process'],
    citation: 'agency NEPA procedures (formerly 40 CFR 1506.11(b)(2)); template agencies.*.finalEisWaitDays',
    severity: 'error',
    description: "a record of decision waits the lead agency's minimum after the final EIS",
    query: recordOfDecisionWait,
  },
];
