/** Opening the database: PGlite by default, a PostgreSQL server when a URL is given; migrated on open. */

import { describeUrl } from './database-url.js';
import { DatabaseError } from './errors.js';
import { runMigrations } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { createRepository } from './repository.js';
import type { SqlDriver } from './session.js';
import type { NepaDatabase } from './types.js';

export interface OpenDatabaseOptions {
  /** PGlite data directory (created when missing); in memory when absent. */
  dataDir?: string;
  /** postgres://user:password@host:port/database; when given, a server is used instead of PGlite. */
  databaseUrl?: string;
  /** The migrations to apply; {@link MIGRATIONS} by default (tests pass others). */
  migrations?: readonly Migration[];
}

/**
 * Opens the NEPA database and migrates it to the current schema.
 * Throws a {@link DatabaseError} naming the problem (bad options or URL, unreachable server,
 * damaged data directory, edited migration) and what to do about it.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<NepaDatabase> {
  const driver = await openDriver(options);
  try {
    await runMigrations(driver, options.migrations ?? MIGRATIONS);
  } catch (error) {
    await driver.close().catch(() => {});
    throw error;
  }
  return {
    kind: driver.kind,
    repository: createRepository(driver),
    query: (sql, params) => driver.query(sql, params),
    close: () => driver.close(),
    transaction: (fn) =>
      driver.transaction((session) =>
        fn({ repository: createRepository(session), query: (sql, params) => session.query(sql, params) }),
      ),
  };
}

async function openDriver(options: OpenDatabaseOptions): Promise<SqlDriver> {
  const { dataDir, databaseUrl } = options;
  if (databaseUrl !== undefined && dataDir !== undefined) {
    throw new DatabaseError(
      'DB_OPTIONS_INVALID',
      'Both dataDir and databaseUrl are set; set databaseUrl to use a PostgreSQL server or dataDir for ' +
        'the embedded database, not both.',
    );
  }
  if (databaseUrl !== undefined) {
    describeUrl(databaseUrl);
    const { openPostgres } = await import('./pg-driver.js');
    return openPostgres(databaseUrl);
  }
  if (dataDir === '') {
    throw new DatabaseError(
      'DB_OPTIONS_INVALID',
      'dataDir is empty; give a directory path, or leave it unset for an in-memory database.',
    );
  }
  const { openPglite } = await import('./pglite-driver.js');
  return openPglite(dataDir);
}
