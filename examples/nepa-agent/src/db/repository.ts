/** {@link NepaRepository} in parameterised SQL over a {@link SqlSession}, the same on both drivers. */
import { codeOf, DatabaseError, messageOf } from './errors.js';
import {
  CASE_EVENT_FIELDS,
  COMMENT_FIELDS,
  DOCUMENT_FIELDS,
  DOCUMENT_TEXT_FIELD,
  type Field,
  fromRow,
  PROCESS_FIELDS,
  PROJECT_FIELDS,
  PROVENANCE_FIELDS,
  selectList,
  toColumn,
} from './fields.js';
import type { SqlSession } from './session.js';
import type {
  CaseEvent,
  NepaDocument,
  NepaRepository,
  Process,
  Project,
  ProjectView,
  PublicComment,
} from './types.js';

/** The 13 entity tables, in the order `counts()` reports them. */
export const NEPA_TABLES = [
  'project',
  'process_instance',
  'document',
  'comment',
  'engagement',
  'case_event',
  'gis_data',
  'gis_data_element',
  'user_role',
  'legal_structure',
  'process_model',
  'decision_element',
  'process_decision_payload',
] as const;

export type NepaTable = (typeof NEPA_TABLES)[number];

const DOCUMENT_WITH_TEXT = [...DOCUMENT_FIELDS, DOCUMENT_TEXT_FIELD];
const PROJECT_PROCESSES = 'select id from process_instance where parent_project_id = $1';
const PROJECT_DOCUMENTS = `select id from document where parent_project_id = $1 or parent_process_id in (${PROJECT_PROCESSES})`;

/**
 * The repository over one session (the pool, or a transaction).
 * Column names come from the field lists in code; every value travels as a parameter.
 */
export function createRepository(session: SqlSession): NepaRepository {
  const select = async <T>(fields: readonly Field[], from: string, params: unknown[]): Promise<T[]> => {
    const rows = await session.query(`select id, ${selectList(fields)} from ${from}`, params);
    return rows.map((row) => fromRow<T>(fields, row));
  };

  return {
    async upsertProject(input) {
      const provenance = PROVENANCE_FIELDS.map(
        (field) => `${field.column} = coalesce(excluded.${field.column}, project.${field.column})`,
      ).join(', ');
      return insert(session, 'project', 'ProjectInput', PROJECT_FIELDS, input, {
        conflict: `on conflict (project_id) do update set ${provenance}`,
      });
    },
    createProcess: (input) => insert(session, 'process_instance', 'ProcessInput', PROCESS_FIELDS, input),
    createDocument: (input) => insert(session, 'document', 'DocumentInput', DOCUMENT_WITH_TEXT, input),
    createComment: (input) => insert(session, 'comment', 'CommentInput', COMMENT_FIELDS, input),
    async createCaseEvent(input) {
      // The standard requires an event name; the contract's event type is the best one available.
      return insert(session, 'case_event', 'CaseEventInput', CASE_EVENT_FIELDS, input, {
        extra: { name: input.eventType },
      });
    },

    async getProject(id) {
      const [project] = await select<Project>(PROJECT_FIELDS, 'project where id = $1', [id]);
      if (project === undefined) return undefined;
      const processes = await select<Process>(
        PROCESS_FIELDS,
        'process_instance where parent_project_id = $1 order by id',
        [id],
      );
      const events = await select<CaseEvent>(
        CASE_EVENT_FIELDS,
        `case_event where parent_process_id in (${PROJECT_PROCESSES}) order by datetime, id`,
        [id],
      );
      const documents = await select<Omit<NepaDocument, 'text'>>(
        DOCUMENT_FIELDS,
        `document where id in (${PROJECT_DOCUMENTS}) order by id`,
        [id],
      );
      const comments = await select<PublicComment>(
        COMMENT_FIELDS,
        `comment where parent_process_id in (${PROJECT_PROCESSES}) or parent_document_id in (${PROJECT_DOCUMENTS}) order by id`,
        [id],
      );
      const view: ProjectView = {
        ...project,
        processes: processes.map((process) => ({
          ...process,
          events: events.filter((event) => event.processId === process.id),
        })),
        documents,
        comments,
      };
      return view;
    },
    listProjects: () => select<Project>(PROJECT_FIELDS, 'project order by id', []),
    async getDocument(id) {
      const [document] = await select<NepaDocument>(DOCUMENT_WITH_TEXT, 'document where id = $1', [id]);
      return document;
    },
    allDocuments: () => select<NepaDocument>(DOCUMENT_WITH_TEXT, 'document order by id', []),
    async deleteDocument(id) {
      const rows = await session.query('delete from document where id = $1 returning id', [id]);
      return rows.length > 0;
    },
    async counts() {
      const list = NEPA_TABLES.map((table) => `(select count(*) from ${table}) as ${table}`).join(', ');
      const [row] = await session.query<Record<string, number>>(`select ${list}`);
      return Object.fromEntries(NEPA_TABLES.map((table) => [table, Number(row?.[table] ?? 0)]));
    },
  };
}

interface InsertOptions {
  conflict?: string;
  /** Further column values (already converted). */
  extra?: Record<string, unknown>;
}

async function insert(
  session: SqlSession,
  table: string,
  entity: string,
  fields: readonly Field[],
  input: object,
  options: InsertOptions = {},
): Promise<number> {
  const values = input as Record<string, unknown>;
  const columns = [...fields.map((field) => field.column), ...Object.keys(options.extra ?? {})];
  const params = [
    ...fields.map((field) => toColumn(entity, field, values[field.prop])),
    ...Object.values(options.extra ?? {}),
  ];
  const placeholders = params.map((_, index) => `$${index + 1}`).join(', ');
  const sql = `insert into ${table} (${columns.join(', ')}) values (${placeholders}) ${options.conflict ?? ''} returning id`;
  try {
    const [row] = await session.query<{ id: number }>(sql, params);
    return Number(row?.id);
  } catch (error) {
    throw storeError(error, entity);
  }
}

/** Constraint violations as input errors naming the entity; anything else unchanged. */
function storeError(error: unknown, entity: string): unknown {
  const code = codeOf(error);
  const detail =
    typeof error === 'object' && error !== null ? (error as { detail?: unknown }).detail : undefined;
  const why = typeof detail === 'string' && detail !== '' ? detail : messageOf(error);
  if (code === '23503') {
    return new DatabaseError('REFERENCE_MISSING', `${entity} refers to a row that does not exist: ${why}`, {
      cause: error,
    });
  }
  if (code === '23502' || code === '23505' || code === '23514' || code?.startsWith('22')) {
    return new DatabaseError('INPUT_INVALID', `${entity} was rejected by the database: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return error;
}
