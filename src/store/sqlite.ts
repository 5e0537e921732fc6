import { mkdirSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { migrate } from './migrations.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';
import { translateSqliteError } from './store-errors.js';

/**
 * Write transactions of this process, queued per database file. better-sqlite3 waits for a lock
 * synchronously, so a second connection in the same thread would block on a lock the first can
 * never release; queueing in-process first avoids that, and SQLite's lock orders the processes.
 */
const writeQueues = new Map<string, Promise<unknown>>();

function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (writeQueues.get(key) ?? Promise.resolve()).then(fn, fn);
  const tail = run.catch(() => undefined);
  writeQueues.set(key, tail);
  void tail.then(() => {
    if (writeQueues.get(key) === tail) writeQueues.delete(key);
  });
  return run;
}

/** Opens (creating when missing) a SQLite store in WAL mode and migrates it. */
export async function openSqliteStore(file: string): Promise<Store> {
  const raw = openDatabaseFile(file);
  const key = realpathSync(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const exclusive = async <T>(_name: string, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> =>
    serialized(key, () =>
      db.connection().execute(async (conn) => {
        // IMMEDIATE takes the write lock up front: a deferred transaction that reads then writes
        // can fail with SQLITE_BUSY when another process got there first, whatever the timeout.
        await sql`begin immediate`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          if (raw.inTransaction) await sql`rollback`.execute(conn);
          throw error;
        }
      }),
    );
  // A deferred transaction that only reads holds one WAL snapshot until it ends; writers go on.
  const snapshot = <T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> =>
    db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      try {
        return await fn(conn);
      } finally {
        if (raw.inTransaction) await sql`commit`.execute(conn);
      }
    });
  try {
    const report = await exclusive('migrate', (trx) => migrate(trx, 'sqlite'));
    return {
      db,
      dialect: 'sqlite',
      location: file,
      migrations: report,
      exclusive,
      snapshot,
      close: () => db.destroy(),
    };
  } catch (error) {
    await db.destroy();
    throw translateSqliteError(error, file);
  }
}

function openDatabaseFile(file: string): BetterSqlite3.Database {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const raw = new BetterSqlite3(file, { timeout: 30_000 });
    raw.pragma('journal_mode = WAL');
    // NORMAL is crash-safe in WAL mode: a killed process never leaves a torn transaction.
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    return raw;
  } catch (error) {
    throw translateSqliteError(error, file);
  }
}
