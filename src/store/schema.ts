import type { ColumnType, GeneratedAlways } from 'kysely';

/**
 * One row per audit event. `leaf` is the event's RFC 8785 canonical JSON, exactly the bytes the
 * Merkle leaf hashes; the query columns are generated from it by the database, so they can never
 * disagree with the evidence.
 */
export interface AuditEventTable {
  seq: number;
  leaf: string;
  /** 32-byte hashes: the leaf, then every complete subtree this leaf closed, by level. */
  hashes: Buffer;
  id: GeneratedAlways<string>;
  type: GeneratedAlways<string>;
  time: GeneratedAlways<string>;
  actor: GeneratedAlways<string>;
  outcome: GeneratedAlways<string>;
  subject: GeneratedAlways<string | null>;
}

export interface AuditHeadTable {
  id: number;
  size: number;
  root: Buffer;
  updated_at: string;
}

export interface AuditCheckpointTable {
  tree_size: number;
  root: Buffer;
  /** The signed note exactly as issued. */
  note: string;
  key_id: string;
  created_at: string;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: ColumnType<string, string, never>;
}

/** The project's own tables, as Kysely sees them. */
export interface Database {
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointTable;
  cara_schema_migrations: SchemaMigrationTable;
}
