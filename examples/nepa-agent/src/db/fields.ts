/**
 * The mapping between the camelCase contract and the snake_case columns, one field list per entity,
 * and the value conversions both ways (dates stay strings, timestamps become ISO strings).
 */
import { DatabaseError } from './errors.js';

/** How a value is stored: `date` is a date column, `time` a timestamptz, `day` a timestamptz read back as a date when at midnight UTC. */
export type FieldKind = 'text' | 'int' | 'date' | 'time' | 'day';

export interface Field {
  prop: string;
  column: string;
  kind: FieldKind;
}

const f = (prop: string, column: string, kind: FieldKind = 'text'): Field => ({ prop, column, kind });

export const PROVENANCE_FIELDS: readonly Field[] = [
  f('recordOwnerAgency', 'record_owner_agency'),
  f('dataSourceAgency', 'data_source_agency'),
  f('dataSourceSystem', 'data_source_system'),
  f('dataRecordVersion', 'data_record_version'),
  f('lastUpdated', 'last_updated', 'time'),
  f('retrievedTimestamp', 'retrieved_timestamp', 'time'),
];

export const PROJECT_FIELDS: readonly Field[] = [
  f('code', 'project_id'),
  f('title', 'title'),
  f('description', 'description'),
  f('sector', 'sector'),
  f('sponsor', 'sponsor'),
  f('leadAgency', 'lead_agency'),
  f('location', 'location_text'),
  ...PROVENANCE_FIELDS,
];

export const PROCESS_FIELDS: readonly Field[] = [
  f('projectId', 'parent_project_id', 'int'),
  f('type', 'type'),
  f('status', 'status'),
  f('leadAgency', 'lead_agency'),
  f('startDate', 'start_date', 'date'),
  f('completionDate', 'complete_date', 'date'),
  ...PROVENANCE_FIELDS,
];

/** Without `text`, which is selected only when asked for. */
export const DOCUMENT_FIELDS: readonly Field[] = [
  f('processId', 'parent_process_id', 'int'),
  f('projectId', 'parent_project_id', 'int'),
  f('title', 'title'),
  f('documentType', 'document_type'),
  f('mediaType', 'media_type'),
  f('publicationDate', 'publish_date', 'date'),
  f('pageCount', 'page_count', 'int'),
  ...PROVENANCE_FIELDS,
];

export const DOCUMENT_TEXT_FIELD: Field = f('text', 'content_text');

export const COMMENT_FIELDS: readonly Field[] = [
  f('processId', 'parent_process_id', 'int'),
  f('documentId', 'parent_document_id', 'int'),
  f('commenter', 'commenter_entity'),
  f('text', 'content_text'),
  f('receivedDate', 'date_submitted', 'date'),
  ...PROVENANCE_FIELDS,
];

export const CASE_EVENT_FIELDS: readonly Field[] = [
  f('processId', 'parent_process_id', 'int'),
  f('eventType', 'type'),
  f('eventDate', 'datetime', 'day'),
  f('description', 'description'),
  ...PROVENANCE_FIELDS,
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The column value for one input property, validated; `entity` names the input type in errors. */
export function toColumn(entity: string, field: Field, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const where = `${entity}.${field.prop}`;
  switch (field.kind) {
    case 'text':
      if (typeof value !== 'string') throw invalid(where, 'a string', value);
      return value;
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        throw invalid(where, 'an integer', value);
      return value;
    case 'date':
      if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
        throw invalid(where, 'an ISO date (YYYY-MM-DD)', value);
      }
      return value;
    case 'time':
    case 'day':
      if (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) {
        return `${value}T00:00:00Z`;
      }
      if (typeof value !== 'string' || !ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
        throw invalid(where, 'an ISO date or time with zone (2024-05-01 or 2024-05-01T12:00:00Z)', value);
      }
      return value;
  }
}

/** The contract value of one column value; undefined for NULL so optional properties stay absent. */
export function fromColumn(field: Field, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (field.kind === 'int') return Number(value);
  if (field.kind !== 'time' && field.kind !== 'day') return value;
  const iso = (value instanceof Date ? value : new Date(String(value))).toISOString();
  return field.kind === 'day' && iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** `col as "prop"` for each field, for SELECT lists. */
export function selectList(fields: readonly Field[], alias?: string): string {
  const prefix = alias === undefined ? '' : `${alias}.`;
  return fields.map((field) => `${prefix}${field.column} as "${field.prop}"`).join(', ');
}

/** A contract object from a row selected with {@link selectList}, NULLs left out. */
export function fromRow<T>(fields: readonly Field[], row: Record<string, unknown>): T {
  const out: Record<string, unknown> = { id: Number(row.id) };
  for (const field of fields) {
    const value = fromColumn(field, row[field.prop]);
    if (value !== undefined) out[field.prop] = value;
  }
  return out as T;
}

function invalid(where: string, expected: string, value: unknown): DatabaseError {
  return new DatabaseError('INPUT_INVALID', `${where} must be ${expected}, got ${JSON.stringify(value)}.`);
}
