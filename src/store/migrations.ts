import { createHash } from 'node:crypto';
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import { CaraError } from '../core/index.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

interface Compilable {
  compile(): CompiledQuery;
}

/** A schema change of our own tables; its checksum is taken over the SQL it compiles to. */
export interface Migration {
  version: number;
  name: string;
  statements(db: Kysely<unknown>, dialect: Dialect): Compilable[];
}

const blob = (dialect: Dialect) => (dialect === 'postgres' ? 'bytea' : 'blob');

/** The ordered list of migrations. Append only: an applied migration must never change. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'audit log',
    statements: (db, dialect) => [
      db.schema
        .createTable('audit_events')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('repository', 'text', (c) => c.notNull())
        .addColumn('environment', 'text', (c) => c.notNull())
        .addColumn('component', 'text', (c) => c.notNull())
        .addColumn('command', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('hashes', sql.raw(blob(dialect)), (c) => c.notNull()),
      db.schema.createIndex('audit_events_type').on('audit_events').column('type'),
      db.schema.createIndex('audit_events_actor').on('audit_events').column('actor'),
      db.schema.createIndex('audit_events_time').on('audit_events').column('time'),
      db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('root', sql.raw(blob(dialect)), (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull()),
      db.schema
        .createTable('audit_checkpoints')
        .addColumn('tree_size', 'bigint', (c) => c.primaryKey())
        .addColumn('root', sql.raw(blob(dialect)), (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull()),
    ],
  },
];

/** SHA-256 over the SQL a migration compiles to on this dialect. */
export function migrationChecksum(migration: Migration, db: Kysely<unknown>, dialect: Dialect): string {
  const hash = createHash('sha256');
  for (const statement of migration.statements(db, dialect)) hash.update(`${statement.compile().sql};\n`);
  return hash.digest('hex');
}

export interface MigrationReport {
  applied: number[];
  current: number;
}

/**
 * Brings the store up to date. Runs inside the caller's exclusive transaction so two processes
 * opening a new store at once cannot both apply a migration.
 */
export async function migrate(
  trx: Kysely<Database>,
  dialect: Dialect,
  list: readonly Migration[] = migrations,
  now: () => string = () => new Date().toISOString(),
): Promise<MigrationReport> {
  await trx.schema
    .createTable('cara_schema_migrations')
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const done = await trx.selectFrom('cara_schema_migrations').selectAll().orderBy('version').execute();
  const known = new Map(list.map((m) => [m.version, m]));
  const untyped = trx as unknown as Kysely<unknown>;
  for (const row of done) {
    const migration = known.get(Number(row.version));
    if (!migration) {
      throw new CaraError(
        'STORE_MIGRATION',
        `the store has schema migration ${row.version} (${row.name}), which this version of cara does not know`,
        { hint: 'upgrade cara to the version that wrote this store' },
      );
    }
    const checksum = migrationChecksum(migration, untyped, dialect);
    if (checksum !== row.checksum) {
      throw new CaraError(
        'STORE_MIGRATION',
        `schema migration ${row.version} (${row.name}) was changed after it was applied: checksum ${row.checksum.slice(0, 12)} in the store, ${checksum.slice(0, 12)} in cara`,
        { hint: 'migrations are append-only; restore the original migration and add a new one' },
      );
    }
  }
  const applied: number[] = [];
  const doneVersions = new Set(done.map((r) => Number(r.version)));
  for (const migration of list) {
    if (doneVersions.has(migration.version)) continue;
    for (const statement of migration.statements(untyped, dialect))
      await trx.executeQuery(statement.compile());
    await trx
      .insertInto('cara_schema_migrations')
      .values({
        version: migration.version,
        name: migration.name,
        checksum: migrationChecksum(migration, untyped, dialect),
        applied_at: now(),
      })
      .execute();
    applied.push(migration.version);
  }
  return { applied, current: list.at(-1)?.version ?? 0 };
}
