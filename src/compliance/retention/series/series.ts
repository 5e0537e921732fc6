import type { Kysely } from 'kysely';
import type { Database } from '../../../store/index.js';

/** One record as retention sees it: its key, the time its age counts from, what holds match. */
export interface RetentionRecord {
  key: string;
  /** ISO time the record's age is measured from. */
  time: string;
  /** Identifiers a legal hold's `subject` matches (ids, commits, services, event subjects). */
  subjects: string[];
  /** The agency the record belongs to; cara's own series carry none. */
  agency?: string | undefined;
}

export interface CandidateOptions {
  /** Only records older than this ISO time. */
  before: string;
  /** Audit events only: the size of the signed checkpoint the pruning is made under. */
  auditBelow: number;
}

/** What the deletion of a series may need: the bundle it was archived into. */
export interface DeleteContext {
  bundle: string;
  digest: string;
  /** The bundle's signed manifest (audit events record it beside their pruned markers). */
  manifest: string;
  createdAt: string;
}

/**
 * A record series retention can expire: it lists candidates, exports their full content for the
 * archive, and deletes them inside the caller's transaction. Adding a series is adding one file.
 */
export interface RecordSeries {
  name: string;
  /** What a record's age is measured from, for the docs and the dry-run. */
  age: string;
  candidates(db: Kysely<Database>, options: CandidateOptions): Promise<RetentionRecord[]>;
  /** The records' full content, as JSON values, in the order of `keys`. */
  export(db: Kysely<Database>, keys: readonly string[]): Promise<unknown[]>;
  delete(trx: Kysely<Database>, keys: readonly string[], context: DeleteContext): Promise<number>;
}

/** Splits keys for `IN (...)` lists that stay under every driver's parameter limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The given rows grouped by a key, for joining children to their parents. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

export const present = (values: readonly (string | null | undefined)[]): string[] =>
  values.filter((v): v is string => typeof v === 'string' && v.length > 0);
