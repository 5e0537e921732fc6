/**
 * The one database seam of the NEPA checks: parameterised queries and close. PostgreSQL through
 * `pg`, or an embedded PGlite data directory; both drivers are loaded only when used.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CaraError, messageOf } from '../../core/index.js';

export interface SqlClient {
  /** Where the data lives, for reports (a URL without its password, or a directory). */
  location: string;
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** How to reach the database under test. */
export type NepaSource = { databaseUrl: string } | { pgliteDir: string };

/**
 * Opens the database named by `source`.
 * Throws a CaraError (STORE_UNAVAILABLE) naming the database when it cannot be reached.
 */
export async function openSqlClient(source: NepaSource): Promise<SqlClient> {
  return 'databaseUrl' in source ? openPostgres(source.databaseUrl) : openPglite(source.pgliteDir);
}

/** A URL with the password replaced, safe to print and record. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

async function openPostgres(url: string): Promise<SqlClient> {
  const location = redactUrl(url);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new CaraError('STORE_UNAVAILABLE', `Cannot connect to ${location}: ${messageOf(error)}`, {
      hint: 'check --database-url and that the server accepts connections',
      cause: error,
    });
  }
  return {
    location,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params]);
      return result.rows as T[];
    },
    close: () => client.end(),
  };
}

async function openPglite(dir: string): Promise<SqlClient> {
  const dataDir = resolve(dir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new CaraError('STORE_UNAVAILABLE', `${dataDir} is not a PGlite data directory (no PG_VERSION).`, {
      hint: 'give --pglite the data directory the NEPA agent writes',
    });
  }
  const { PGlite } = await import('@electric-sql/pglite');
  let db: InstanceType<typeof PGlite>;
  try {
    db = await PGlite.create({ dataDir });
  } catch (error) {
    throw new CaraError(
      'STORE_UNAVAILABLE',
      `Cannot open the PGlite data directory ${dataDir}: ${messageOf(error)}`,
      {
        hint: 'the directory may be damaged or from an incompatible version',
        cause: error,
      },
    );
  }
  return {
    location: dataDir,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<T>(sql, [...params]);
      return result.rows;
    },
    close: () => db.close(),
  };
}
