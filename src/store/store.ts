import type { Kysely } from 'kysely';
import type { Dialect, MigrationReport } from './migrations.js';
import type { Database } from './schema.js';

/** The project's own persistent state, on SQLite or PostgreSQL behind one Kysely interface. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where the store lives, safe to print (passwords removed). */
  readonly location: string;
  /** What opening the store migrated. */
  readonly migrations: MigrationReport;
  /**
   * Runs `fn` in one transaction holding the store-wide lock named `name`, so writers in other
   * processes wait instead of interleaving. A thrown error rolls everything back.
   */
  exclusive<T>(name: string, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Runs `fn` over one consistent read snapshot, so a long scan never sees half of a later append. */
  snapshot<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** PostgreSQL connection string; when set, wins over `sqlitePath`. */
  databaseUrl?: string | undefined;
  /** SQLite database file; created with its folder when missing. */
  sqlitePath?: string | undefined;
}
