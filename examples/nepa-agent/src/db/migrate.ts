/**
 * The migration runner: records each applied migration with a checksum in `schema_migrations`,
 * applies the missing ones in order, each in its own transaction, and refuses to run against a
 * database whose applied migrations were edited afterwards or come from a newer build.
 */
import { createHash } from 'node:crypto';
import { DatabaseError, messageOf } from './errors.js';
import type { Migration } from './migrations/index.js';
import type { SqlDriver, SqlSession } from './session.js';

/** Serialises concurrent runners on one PostgreSQL database (any constant works; this one is ours). */
const LOCK_KEY = 726_301_945;

const CREATE_TABLE = `
create table if not exists schema_migrations (
  version text primary key,
  name text not null,
  checksum text not null,
  applied_at timestamp with time zone not null default now()
)`;

interface AppliedRow {
  version: string;
  name: string;
  checksum: string;
}

export interface MigrationReport {
  /** Versions applied by this run, in order. */
  applied: string[];
  /** Versions that were already applied (checksums verified). */
  present: string[];
}

/** The SHA-256 of a migration's SQL with line endings normalised, as stored in `schema_migrations`. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Brings the schema up to date with `migrations`; safe to run on every open and from several
 * processes at once.
 */
export async function runMigrations(
  driver: SqlDriver,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  checkOrder(migrations);
  await driver.transaction(async (session) => {
    await lock(session);
    await session.exec(CREATE_TABLE);
  });
  verify(await appliedRows(driver), migrations);
  const report: MigrationReport = { applied: [], present: [] };
  for (const migration of migrations) {
    const applied = await driver.transaction(async (session) => {
      await lock(session);
      const row = (await appliedRows(session)).find((applied) => applied.version === migration.version);
      if (row !== undefined) {
        checkUnchanged(row, migration);
        return false;
      }
      try {
        await session.exec(migration.sql);
      } catch (error) {
        throw new DatabaseError(
          'MIGRATION_FAILED',
          `Migration ${label(migration)} failed and was rolled back: ${messageOf(error)}`,
          { cause: error },
        );
      }
      await session.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
        migration.version,
        migration.name,
        migrationChecksum(migration.sql),
      ]);
      return true;
    });
    (applied ? report.applied : report.present).push(migration.version);
  }
  return report;
}

async function lock(session: SqlSession): Promise<void> {
  await session.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
}

function appliedRows(session: SqlSession): Promise<AppliedRow[]> {
  return session.query<AppliedRow>('select version, name, checksum from schema_migrations order by version');
}

/** Every applied row must be a known migration with an unchanged checksum. */
function verify(rows: readonly AppliedRow[], migrations: readonly Migration[]): void {
  const known = new Map(migrations.map((migration) => [migration.version, migration]));
  for (const row of rows) {
    const migration = known.get(row.version);
    if (migration === undefined) {
      throw new DatabaseError(
        'MIGRATION_UNKNOWN',
        `The database has migration ${row.version}_${row.name}, which this build does not know: it was ` +
          'migrated by a newer version of the service. Run that version, or restore a backup taken before it.',
      );
    }
    checkUnchanged(row, migration);
  }
}

function checkUnchanged(row: AppliedRow, migration: Migration): void {
  const checksum = migrationChecksum(migration.sql);
  if (checksum !== row.checksum) {
    throw new DatabaseError(
      'MIGRATION_CHANGED',
      `Migration ${label(migration)} was changed after it was applied to this database (applied checksum ` +
        `${row.checksum.slice(0, 12)}, now ${checksum.slice(0, 12)}). Applied migrations are immutable: ` +
        'revert the edit and put the change in a new migration.',
    );
  }
}

function checkOrder(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    const previous = migrations[i - 1];
    const current = migrations[i];
    if (previous !== undefined && current !== undefined && previous.version >= current.version) {
      throw new DatabaseError(
        'MIGRATION_FAILED',
        `Migrations must have unique, ascending versions: ${label(previous)} comes before ${label(current)}.`,
      );
    }
  }
}

function label(migration: Migration): string {
  return `${migration.version}_${migration.name}`;
}
