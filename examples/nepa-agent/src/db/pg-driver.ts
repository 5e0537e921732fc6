/** The server driver: node-postgres against a PostgreSQL server (15 or later). */
import pg from 'pg';
import { describeUrl } from './database-url.js';
import { codeOf, DatabaseError, messageOf } from './errors.js';
import { DATE_OID, INT8_OID, parseDate, parseInt8, type SqlDriver, type SqlSession } from './session.js';

const CONNECT_TIMEOUT_MS = 10_000;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return parseInt8;
    if (oid === DATE_OID) return parseDate;
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * Connects a pool to `databaseUrl` and checks the server answers; connection problems become a
 * {@link DatabaseError} naming the server (without its password) and what to do.
 */
export async function openPostgres(databaseUrl: string): Promise<SqlDriver> {
  const where = describeUrl(databaseUrl);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    max: 10,
    types,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw connectError(error, where);
  }
  return {
    kind: 'postgres',
    ...sessionOf(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const result = await fn(sessionOf(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

function sessionOf(target: pg.Pool | pg.PoolClient): SqlSession {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await target.query(sql, [...params]);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      await target.query(sql);
    },
  };
}

function connectError(error: unknown, where: string): DatabaseError {
  const code = codeOf(error);
  const detail = messageOf(error) || code || 'unknown error';
  if (code === '28P01' || code === '28000') {
    return new DatabaseError(
      'DB_AUTH_FAILED',
      `PostgreSQL at ${where} refused the credentials (${detail}); fix the user or password in databaseUrl.`,
      { cause: error },
    );
  }
  if (code === '3D000') {
    return new DatabaseError(
      'DB_NOT_FOUND',
      `PostgreSQL at ${where} has no such database (${detail}); create it (createdb) or fix the database name in databaseUrl.`,
      { cause: error },
    );
  }
  return new DatabaseError(
    'DB_UNREACHABLE',
    `Cannot reach PostgreSQL at ${where} (${detail}); start the server or fix the host and port in databaseUrl.`,
    { cause: error },
  );
}
