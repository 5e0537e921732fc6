/** The closed value lists of the standard's JSON Schema, checked row by row. */
import type { NepaEntity } from '../entities.js';
import { rowColumns } from './helpers.js';
import { Binder, CEQ_STANDARD, type DataRule } from './rule.js';

interface EnumCheck {
  id: string;
  entity: NepaEntity;
  columns: Record<string, readonly string[]>;
}

const CHECKS: readonly EnumCheck[] = [
  { id: 'process-type-enum', entity: 'process', columns: { type: ['CE', 'EA', 'EIS'] } },
  {
    id: 'project-status-enum',
    entity: 'project',
    columns: { current_status: ['pre-application', 'underway', 'paused', 'completed'] },
  },
  {
    id: 'case-event-status-enum',
    entity: 'case_event',
    columns: { status: ['pending', 'completed', 'in progress'] },
  },
  {
    id: 'comment-submission-method-enum',
    entity: 'public_comment',
    columns: { submission_method: ['online', 'email', 'mail', 'in-person'] },
  },
  {
    id: 'gis-element-enum',
    entity: 'gis_data_element',
    columns: {
      format: ['GeoJSON', 'Shapefile', 'KML'],
      access_method: ['URL', 'API', 'direct upload'],
      purpose: ['bespoke', 'analysis', 'base map'],
    },
  },
];

function enumRule(check: EnumCheck): DataRule {
  const names = Object.keys(check.columns);
  return {
    kind: 'data',
    id: check.id,
    family: 'enumeration',
    entities: [check.entity],
    citation: `${CEQ_STANDARD} (${names.map((name) => `${check.entity}.${name}`).join(', ')})`,
    severity: 'error',
    description: `${names.join(', ')} take${names.length === 1 ? 's' : ''} one of the standard's values`,
    query(ctx) {
      const binder = new Binder();
      const bad = Object.entries(check.columns).map(([column, values]) => {
        const list = binder.bind(values, 'text[]');
        return { column, test: `(t.${column} is not null and not (t.${column}::text = any(${list})))` };
      });
      const detail = `concat_ws('; ', ${bad
        .map(({ column, test }) => `case when ${test} then '${column} = ' || t.${column}::text end`)
        .join(', ')})`;
      return {
        sql: `select ${rowColumns(ctx, 't', detail)} from ${ctx.table(check.entity)} t
               where ${bad.map(({ test }) => test).join(' or ')} order by t.id`,
        params: binder.params,
        requires: { [check.entity]: ['id', ...names] },
      };
    },
  };
}

export const ENUMERATION_RULES: readonly DataRule[] = CHECKS.map(enumRule);
