/**
 * The small SQL surface both drivers (PGlite, node-postgres) provide; the migration runner, the
 * repository and the seeds are written against it so the same SQL runs on both.
 */

/** One connection scope: the pool, or a transaction's dedicated connection. */
export interface SqlSession {
  /** One parameterised statement. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlDriver extends SqlSession {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * bigint (int8) as a JS number while it is exact, else the decimal string: ids and counts read as
 * numbers on both drivers.
 */
export function parseInt8(value: string): number | string {
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : value;
}

/** `date` stays the ISO string PostgreSQL sends: no time zone shift into a JS Date. */
export function parseDate(value: string): string {
  return value;
}

export const INT8_OID = 20;
export const DATE_OID = 1082;
