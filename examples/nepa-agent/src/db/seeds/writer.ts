/**
 * Writes declarative seed data idempotently: every seeded row carries a `seed_key` in the
 * standard's `other` jsonb column, and a row whose key already exists is reused, not duplicated.
 */
import type { NepaTable } from '../repository.js';
import type {
  CaseEventInput,
  CommentInput,
  DocumentInput,
  NepaSession,
  ProcessInput,
  ProjectInput,
  Provenance,
} from '../types.js';

/** Raw column values for the standard's columns the contract does not cover; `json(...)` for json columns. */
export type Columns = Record<string, unknown>;

export interface SeedDocument {
  key: string;
  document: Omit<DocumentInput, 'processId' | 'projectId'>;
  columns?: Columns;
}
export interface SeedEvent {
  key: string;
  event: Omit<CaseEventInput, 'processId'>;
  /** Seed key of the related document. */
  documentKey?: string;
  columns?: Columns;
}
export interface SeedComment {
  key: string;
  comment: Omit<CommentInput, 'processId' | 'documentId'>;
  documentKey?: string;
  columns?: Columns;
}
export interface SeedRow {
  key: string;
  columns: Columns;
}
export interface SeedProcess {
  key: string;
  process: Omit<ProcessInput, 'projectId'>;
  columns?: Columns;
  documents?: SeedDocument[];
  events?: SeedEvent[];
  comments?: SeedComment[];
  engagements?: SeedRow[];
}
export interface SeedGis extends SeedRow {
  /** Seed keys of the parent rows (project, process, document, ...); the standard expects exactly one. */
  parents: string[];
  elements?: SeedRow[];
}
export interface SeedProject {
  key: string;
  project: ProjectInput;
  columns?: Columns;
  processes: SeedProcess[];
  gis?: SeedGis[];
}

/** A value for a json/jsonb column, sent as text and cast by the server (same on both drivers). */
export class JsonValue {
  constructor(readonly value: unknown) {}
}
/** Marks a value for a json/jsonb column. */
export const json = (value: unknown): JsonValue => new JsonValue(value);

const GIS_PARENT_COLUMN: Partial<Record<NepaTable, string>> = {
  project: 'parent_project_id',
  process_instance: 'parent_process_id',
  document: 'parent_document_id',
  case_event: 'parent_case_event_id',
  comment: 'parent_comment_id',
  engagement: 'parent_engagement_id',
};

/** The provenance fields as snake_case columns, for rows written without the repository. */
export function provenanceColumns(provenance: Provenance): Columns {
  return {
    record_owner_agency: provenance.recordOwnerAgency ?? null,
    data_source_agency: provenance.dataSourceAgency ?? null,
    data_source_system: provenance.dataSourceSystem ?? null,
    data_record_version: provenance.dataRecordVersion ?? null,
    last_updated: provenance.lastUpdated ?? null,
    retrieved_timestamp: provenance.retrievedTimestamp ?? null,
  };
}

/** Writes seed rows in one session, remembering every key's table and id. */
export class SeedWriter {
  readonly ids = new Map<string, { table: NepaTable; id: number }>();
  created = 0;

  constructor(private readonly session: NepaSession) {}

  /** The id of the row with `key` (seeded now or before); throws for an unknown key. */
  id(key: string): number {
    const found = this.ids.get(key);
    if (found === undefined) throw new Error(`seed data refers to unknown seed key ${key}`);
    return found.id;
  }

  /** The row tagged `key` in `table`, created by `create` (then tagged) when missing. */
  async ensure(table: NepaTable, key: string, create: () => Promise<number>): Promise<number> {
    const [row] = await this.session.query<{ id: number }>(
      `select id from ${table} where other->>'seed_key' = $1 order by id limit 1`,
      [key],
    );
    let id = row?.id;
    if (id === undefined) {
      id = await create();
      await this.session.query(
        `update ${table} set other = coalesce(other, '{}'::jsonb) || jsonb_build_object('seed_key', $1::text) where id = $2`,
        [key, id],
      );
      this.created++;
    }
    this.ids.set(key, { table, id });
    return id;
  }

  /** Inserts a raw row (parameterised; column names come from seed code) tagged `key`, once. */
  insertRow(table: NepaTable, key: string, columns: Columns): Promise<number> {
    return this.ensure(table, key, async () => {
      const names = Object.keys(columns);
      const { placeholders, params } = bind(Object.values(columns));
      const [row] = await this.session.query<{ id: number }>(
        `insert into ${table} (${names.map(quote).join(', ')}) values (${placeholders.join(', ')}) returning id`,
        params,
      );
      if (row === undefined) throw new Error(`insert into ${table} returned no id`);
      return row.id;
    });
  }

  /** Sets raw columns on a row (after the repository created it). */
  async update(table: NepaTable, id: number, columns: Columns | undefined): Promise<void> {
    if (columns === undefined || Object.keys(columns).length === 0) return;
    const { placeholders, params } = bind(Object.values(columns));
    const sets = Object.keys(columns).map((name, index) => `${quote(name)} = ${placeholders[index]}`);
    await this.session.query(`update ${table} set ${sets.join(', ')} where id = $${params.length + 1}`, [
      ...params,
      id,
    ]);
  }

  /** Writes one project and everything under it. */
  async project(seed: SeedProject): Promise<void> {
    const { repository } = this.session;
    const projectId = await this.ensure('project', seed.key, () => repository.upsertProject(seed.project));
    await this.update('project', projectId, seed.columns);
    for (const process of seed.processes) await this.process(projectId, process);
    for (const gis of seed.gis ?? []) await this.gis(gis);
  }

  private async process(projectId: number, seed: SeedProcess): Promise<void> {
    const { repository } = this.session;
    const processId = await this.ensure('process_instance', seed.key, () =>
      repository.createProcess({ ...seed.process, projectId }),
    );
    await this.update('process_instance', processId, seed.columns);
    for (const doc of seed.documents ?? []) {
      const id = await this.ensure('document', doc.key, () =>
        repository.createDocument({ ...doc.document, processId, projectId }),
      );
      await this.update('document', id, doc.columns);
    }
    for (const engagement of seed.engagements ?? []) {
      await this.insertRow('engagement', engagement.key, {
        parent_process_id: processId,
        ...engagement.columns,
      });
    }
    for (const event of seed.events ?? []) {
      const id = await this.ensure('case_event', event.key, () =>
        repository.createCaseEvent({ ...event.event, processId }),
      );
      const related =
        event.documentKey === undefined ? {} : { related_document_id: this.id(event.documentKey) };
      await this.update('case_event', id, { ...related, ...event.columns });
    }
    for (const comment of seed.comments ?? []) {
      const documentId = comment.documentKey === undefined ? undefined : this.id(comment.documentKey);
      const id = await this.ensure('comment', comment.key, () =>
        repository.createComment({
          ...comment.comment,
          processId,
          ...(documentId === undefined ? {} : { documentId }),
        }),
      );
      await this.update('comment', id, comment.columns);
    }
  }

  private async gis(seed: SeedGis): Promise<void> {
    const parents: Columns = {};
    for (const key of seed.parents) {
      const parent = this.ids.get(key);
      const column = parent === undefined ? undefined : GIS_PARENT_COLUMN[parent.table];
      if (parent === undefined || column === undefined)
        throw new Error(`GIS seed ${seed.key}: bad parent ${key}`);
      parents[column] = parent.id;
    }
    const gisId = await this.insertRow('gis_data', seed.key, { ...parents, ...seed.columns });
    for (const element of seed.elements ?? []) {
      await this.insertRow('gis_data_element', element.key, { parent_gis: gisId, ...element.columns });
    }
  }
}

function bind(values: readonly unknown[]): { placeholders: string[]; params: unknown[] } {
  return {
    placeholders: values.map((value, index) =>
      value instanceof JsonValue ? `$${index + 1}::text::jsonb` : `$${index + 1}`,
    ),
    params: values.map((value) => (value instanceof JsonValue ? JSON.stringify(value.value) : value)),
  };
}

/** A column name as a quoted identifier (the standard has `intersect`, a reserved word, and `DMN_model`). */
function quote(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`seed data has a bad column name: ${name}`);
  return `"${name}"`;
}
