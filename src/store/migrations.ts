import { createHash } from 'node:crypto';
import { type ColumnDefinitionBuilder, type CompiledQuery, type Kysely, sql } from 'kysely';
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

/**
 * The audit table: `seq` is SQLite's rowid (an INTEGER PRIMARY KEY), and the query columns are
 * generated from the canonical JSON leaf (virtual on SQLite, stored on PostgreSQL, whose
 * `text::jsonb` cast is immutable as generated columns require).
 */
function auditEvents(db: Kysely<unknown>, dialect: Dialect): Compilable {
  const field = (path: string) =>
    dialect === 'postgres'
      ? sql.raw(`(leaf::jsonb #>> '{${path.replaceAll('.', ',')}}')`)
      : sql.raw(`json_extract(leaf, '$.${path}')`);
  const generated = (c: ColumnDefinitionBuilder, path: string) => {
    const column = c.generatedAlwaysAs(field(path));
    return dialect === 'postgres' ? column.stored() : column;
  };
  return db.schema
    .createTable('audit_events')
    .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('leaf', 'text', (c) => c.notNull())
    .addColumn('hashes', sql.raw(blob(dialect)), (c) => c.notNull())
    .addColumn('id', 'text', (c) => generated(c, 'id'))
    .addColumn('type', 'text', (c) => generated(c, 'type'))
    .addColumn('time', 'text', (c) => generated(c, 'time'))
    .addColumn('actor', 'text', (c) => generated(c, 'actor'))
    .addColumn('outcome', 'text', (c) => generated(c, 'outcome.status'))
    .addColumn('subject', 'text', (c) => generated(c, 'subject'));
}

/** The ordered list of migrations. Append only: an applied migration must never change. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'audit log',
    statements: (db, dialect) => [
      auditEvents(db, dialect),
      db.schema.createIndex('audit_events_id').unique().on('audit_events').column('id'),
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
  {
    version: 2,
    name: 'change intelligence',
    statements: (db, dialect) => {
      const int = dialect === 'postgres' ? 'bigint' : 'integer';
      return [
        db.schema
          .createTable('git_commits')
          .addColumn('sha', 'text', (c) => c.primaryKey())
          .addColumn('seq', int, (c) => c.notNull().unique())
          .addColumn('parents', 'text', (c) => c.notNull())
          .addColumn('author_name', 'text', (c) => c.notNull())
          .addColumn('author_email', 'text', (c) => c.notNull())
          .addColumn('author_time', int, (c) => c.notNull())
          .addColumn('committer_time', int, (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('is_merge', 'integer', (c) => c.notNull())
          .addColumn('files', 'text', (c) => c.notNull()),
        db.schema
          .createTable('git_mining_state')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('last_sha', 'text', (c) => c.notNull())
          .addColumn('commits', int, (c) => c.notNull())
          .addColumn('shallow', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull()),
        db.schema
          .createTable('szz_fixes')
          .addColumn('fix_sha', 'text', (c) => c.primaryKey())
          .addColumn('analysed_at', 'text', (c) => c.notNull())
          .addColumn('skipped', 'text'),
        db.schema
          .createTable('szz_inducing')
          .addColumn('inducing_sha', 'text', (c) => c.notNull())
          .addColumn('fix_sha', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('szz_inducing_pk', ['inducing_sha', 'fix_sha']),
        db.schema
          .createTable('risk_models')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('evaluation', 'text')
          .addColumn('active', 'integer', (c) => c.notNull()),
        db.schema
          .createTable('risk_scores')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('rev', 'text', (c) => c.notNull())
          .addColumn('probability', dialect === 'postgres' ? 'double precision' : 'real', (c) => c.notNull())
          .addColumn('band', 'text', (c) => c.notNull())
          .addColumn('model_id', 'text', (c) => c.notNull())
          .addColumn('features', 'text', (c) => c.notNull())
          .addColumn('factors', 'text', (c) => c.notNull()),
        db.schema.createIndex('risk_scores_rev').on('risk_scores').column('rev'),
      ];
    },
  },
  {
    version: 3,
    name: 'test intelligence',
    statements: (db, dialect) => {
      const int = dialect === 'postgres' ? 'bigint' : 'integer';
      return [
        db.schema
          .createTable('test_runs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('commit', 'text', (c) => c.notNull())
          .addColumn('runner', 'text', (c) => c.notNull())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('total', int, (c) => c.notNull())
          .addColumn('failed', int, (c) => c.notNull())
          .addColumn('duration_ms', int, (c) => c.notNull()),
        db.schema
          .createTable('test_results')
          .addColumn('run_id', 'text', (c) => c.notNull())
          .addColumn('test_id', 'text', (c) => c.notNull())
          .addColumn('file', 'text')
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('duration_ms', int, (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('flaky_passed', 'integer', (c) => c.notNull())
          .addColumn('failure', 'text')
          .addPrimaryKeyConstraint('test_results_pk', ['run_id', 'test_id']),
        db.schema.createIndex('test_results_test').on('test_results').column('test_id'),
        db.schema.createIndex('test_results_file').on('test_results').column('file'),
        db.schema
          .createTable('test_quarantine')
          .addColumn('test_id', 'text', (c) => c.primaryKey())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('added_by', 'text', (c) => c.notNull())
          .addColumn('added_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull()),
      ];
    },
  },
  {
    version: 4,
    name: 'test impact map',
    statements: (db) => [
      db.schema
        .createTable('test_impact')
        .addColumn('test_file', 'text', (c) => c.primaryKey())
        .addColumn('commit', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('lines', 'text', (c) => c.notNull())
        .addColumn('file_level', 'text', (c) => c.notNull()),
    ],
  },
  {
    version: 5,
    name: 'test selection learning',
    statements: (db) => [
      db.schema
        .createTable('test_run_changes')
        .addColumn('run_id', 'text', (c) => c.primaryKey())
        .addColumn('change_key', 'text', (c) => c.notNull())
        .addColumn('files', 'text', (c) => c.notNull())
        .addColumn('widened', 'text'),
      db.schema.createIndex('test_run_changes_key').on('test_run_changes').column('change_key'),
      db.schema
        .createTable('test_observations')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('test_file', 'text', (c) => c.notNull())
        .addColumn('selected', 'integer', (c) => c.notNull())
        .addColumn('features', 'text', (c) => c.notNull())
        .addColumn('prior', 'real', (c) => c.notNull())
        .addPrimaryKeyConstraint('test_observations_pk', ['run_id', 'test_file']),
      db.schema
        .createTable('test_models')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull()),
    ],
  },
  {
    version: 6,
    name: 'failure analysis',
    statements: (db) => [
      db.schema
        .createTable('failure_miners')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull()),
      db.schema
        .createTable('failure_analyses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('records', 'integer', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull()),
      db.schema
        .createTable('failure_records')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('analysis_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('test_id', 'text')
        .addColumn('log_file', 'text')
        .addColumn('line_no', 'integer')
        .addColumn('template_id', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('frames', 'text', (c) => c.notNull()),
      db.schema.createIndex('failure_records_signature').on('failure_records').column('signature'),
      db.schema.createIndex('failure_records_analysis').on('failure_records').column('analysis_id'),
    ],
  },
  {
    version: 7,
    name: 'progressive delivery',
    statements: (db) => [
      db.schema
        .createTable('deployments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('commit', 'text')
        .addColumn('strategy', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('started_by', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('outcome', 'text')
        .addColumn('reason', 'text')
        .addColumn('stable_version', 'text')
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('request', 'text')
        .addColumn('owner', 'text')
        .addColumn('heartbeat_at', 'text'),
      db.schema.createIndex('deployments_service').on('deployments').columns(['service', 'started_at']),
      db.schema
        .createTable('deploy_services')
        .addColumn('service', 'text', (c) => c.primaryKey())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('commit', 'text')
        .addColumn('checkout_dir', 'text', (c) => c.notNull())
        .addColumn('instances', 'text', (c) => c.notNull())
        .addColumn('deployment_id', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull()),
      db.schema
        .createTable('deploy_approvals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('deployment_id', 'text', (c) => c.notNull())
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull()),
      db.schema.createIndex('deploy_approvals_deployment').on('deploy_approvals').column('deployment_id'),
    ],
  },
  {
    version: 8,
    name: 'audit retention',
    statements: (db, dialect) => {
      const int = dialect === 'postgres' ? 'bigint' : 'integer';
      return [
        db.schema
          .createTable('audit_prunes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('events', int, (c) => c.notNull())
          .addColumn('first_seq', int, (c) => c.notNull())
          .addColumn('last_seq', int, (c) => c.notNull())
          .addColumn('ranges', 'text', (c) => c.notNull())
          .addColumn('bundle', 'text', (c) => c.notNull())
          .addColumn('digest', 'text', (c) => c.notNull())
          .addColumn('manifest', 'text', (c) => c.notNull()),
      ];
    },
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
