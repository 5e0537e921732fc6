import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { CaraError } from '../core/index.js';
import { migrate } from './migrations.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';
import { describePgError, redactUrl } from './store-errors.js';

const INT8_OID = 20;

/** Opens a PostgreSQL store, checks that it answers, and migrates it. */
export async function openPostgresStore(url: string): Promise<Store> {
  const location = redactUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 10_000,
    // bigint columns hold counts and sizes far below 2^53: read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    // An idle client lost its server; the next query reports it. Without a listener node would crash.
  });
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new CaraError(
      'STORE_UNAVAILABLE',
      `cannot connect to PostgreSQL at ${location}: ${describePgError(error)}`,
      {
        cause: error,
        hint: 'check CARA_DATABASE_URL (or store.url in cara.config.yaml) and that the server accepts connections; unset it to use the embedded SQLite store',
      },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const exclusive = <T>(name: string, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> =>
    db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${lockKey(name)})`.execute(trx);
      return fn(trx);
    });
  const snapshot = <T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> =>
    db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => fn(trx));
  try {
    const report = await exclusive('migrate', (trx) => migrate(trx, 'postgres'));
    return {
      db,
      dialect: 'postgres',
      location,
      migrations: report,
      exclusive,
      snapshot,
      close: () => db.destroy(),
    };
  } catch (error) {
    await db.destroy();
    if (error instanceof CaraError) throw error;
    throw new CaraError('STORE_UNAVAILABLE', `PostgreSQL at ${location} failed: ${describePgError(error)}`, {
      cause: error,
    });
  }
}

/** A stable 63-bit advisory lock key per lock name. */
function lockKey(name: string): string {
  const digest = createHash('sha256').update(`cara:${name}`).digest();
  return (digest.readBigInt64BE(0) & 0x7fffffffffffffffn).toString();
}
