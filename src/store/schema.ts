import type { ColumnType } from 'kysely';

/** One row per audit event: the AU-3 fields, and the Merkle hashes this leaf completed. */
export interface AuditEventTable {
  seq: number;
  id: string;
  type: string;
  time: string;
  host: string;
  repository: string;
  environment: string;
  component: string;
  command: string;
  outcome: string;
  reason: string | null;
  actor: string;
  subject: string | null;
  /** RFC 8785 canonical JSON of the (redacted) details object. */
  details: string;
  /** 32-byte hashes: the leaf, then every complete subtree this leaf closed, by level. */
  hashes: Buffer;
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
