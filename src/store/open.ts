import { CaraError } from '../core/index.js';
import type { OpenStoreOptions, Store } from './store.js';

/**
 * Opens the store: PostgreSQL when a URL is given, else the SQLite file. Drivers load lazily so
 * commands that never touch PostgreSQL never pay for `pg`.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new CaraError(
        'STORE_UNAVAILABLE',
        'the database URL must start with postgres:// or postgresql://',
        {
          hint: 'set CARA_DATABASE_URL to a PostgreSQL connection string, or unset it to use the embedded SQLite store',
        },
      );
    }
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore(options.databaseUrl);
  }
  if (!options.sqlitePath) {
    throw new CaraError('USAGE', 'no store location: give a SQLite path or a PostgreSQL URL');
  }
  const { openSqliteStore } = await import('./sqlite.js');
  return openSqliteStore(options.sqlitePath);
}
