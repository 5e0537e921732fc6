/** The embedded driver: PGlite (PostgreSQL in WASM), in memory or persisted in a data directory. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { DatabaseError, messageOf } from './errors.js';
import { DATE_OID, INT8_OID, parseDate, parseInt8, type SqlDriver, type SqlSession } from './session.js';

const PARSERS = { [INT8_OID]: parseInt8, [DATE_OID]: parseDate };

/**
 * Opens PGlite with data in `dataDir` (created when missing), or in memory when it is undefined.
 * Refuses a non-empty directory that is not a PostgreSQL data directory, so a mistyped path never
 * gets a cluster written into it.
 */
export async function openPglite(dataDir: string | undefined): Promise<SqlDriver> {
  const dir = dataDir === undefined ? undefined : resolve(dataDir);
  if (dir !== undefined) checkDataDir(dir);
  let db: PGlite;
  try {
    db = await PGlite.create(dir === undefined ? { parsers: PARSERS } : { dataDir: dir, parsers: PARSERS });
  } catch (error) {
    throw new DatabaseError(
      'DB_DATA_DIR_CORRUPT',
      `Cannot open the PGlite data directory ${dir ?? '(in memory)'}: ${messageOf(error)}. ` +
        'The directory is damaged or was written by an incompatible PostgreSQL version; ' +
        'restore it from a backup, or move it aside to start with an empty database.',
      { cause: error },
    );
  }
  return {
    kind: 'pglite',
    ...sessionOf(db),
    transaction: (fn) => db.transaction((tx) => fn(sessionOf(tx))),
    close: () => db.close(),
  };
}

function sessionOf(target: PGlite | Transaction): SqlSession {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await target.query<T>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

function checkDataDir(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) {
    throw new DatabaseError(
      'DB_DATA_DIR_INVALID',
      `The data directory ${dir} is a file, not a directory; point dataDir at a directory (it is created when missing).`,
    );
  }
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    throw new DatabaseError(
      'DB_DATA_DIR_INVALID',
      `The data directory ${dir} is not empty and holds no PostgreSQL data (no PG_VERSION file); ` +
        'point dataDir at an empty or new directory, or at an existing PGlite data directory.',
    );
  }
}
