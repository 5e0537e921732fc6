/** Helpers shared by the database tests: schema introspection and the crosswalk read in place. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../../../src/core/csv.js';
import type { NepaDatabase } from '../../src/db/index.js';

export interface SchemaSnapshot {
  columns: string[];
  constraints: string[];
  checks: string[];
  indexes: string[];
}

/**
 * The schema as information_schema (and pg_indexes) describe it, one sorted line per item, so two
 * databases compare with a plain deep equality. Not-null constraints, which PostgreSQL 18 names and
 * 15 numbers by oid, are left to `is_nullable`.
 */
export async function schemaSnapshot(db: NepaDatabase): Promise<SchemaSnapshot> {
  const lines = async (sql: string): Promise<string[]> =>
    (await db.query<{ line: string }>(sql)).map((row) => row.line).sort();
  return {
    columns: await lines(`
      select concat_ws(' | ', table_name, lpad(ordinal_position::text, 3, '0'), column_name, data_type,
        is_nullable, coalesce(column_default, '-'), is_identity, coalesce(identity_generation, '-')) as line
      from information_schema.columns where table_schema = current_schema()`),
    constraints: await lines(`
      select concat_ws(' | ', tc.table_name, tc.constraint_name, tc.constraint_type,
        (select string_agg(k.column_name, ',' order by k.ordinal_position) from information_schema.key_column_usage k
          where k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name),
        coalesce((select concat_ws(' ', u.table_name, rc.update_rule, rc.delete_rule)
          from information_schema.referential_constraints rc
          join information_schema.table_constraints u
            on u.constraint_schema = rc.unique_constraint_schema and u.constraint_name = rc.unique_constraint_name
          where rc.constraint_schema = tc.constraint_schema and rc.constraint_name = tc.constraint_name), '-')) as line
      from information_schema.table_constraints tc
      where tc.table_schema = current_schema() and tc.constraint_type <> 'CHECK'`),
    // PostgreSQL 15 renders check_clause with one more pair of outer parentheses than 18 does.
    checks: (
      await lines(`
      select concat_ws(' | ', tc.table_name, cc.constraint_name, cc.check_clause) as line
      from information_schema.check_constraints cc
      join information_schema.table_constraints tc
        on tc.constraint_schema = cc.constraint_schema and tc.constraint_name = cc.constraint_name
      where tc.table_schema = current_schema() and cc.constraint_name not like '%not_null'`)
    ).map((line) =>
      line.replace(/\| (\(.*\))$/, (_, clause: string) => `| ${stripOuterParentheses(clause)}`),
    ),
    indexes: await lines(`
      select concat_ws(' | ', tablename, indexname, indexdef) as line
      from pg_indexes where schemaname = current_schema()`),
  };
}

/** The expression without any parentheses that enclose all of it. */
function stripOuterParentheses(clause: string): string {
  let expression = clause;
  while (
    expression.startsWith('(') &&
    expression.endsWith(')') &&
    closingOf(expression) === expression.length - 1
  ) {
    expression = expression.slice(1, -1);
  }
  return expression;
}

/** The index of the parenthesis closing the one at index 0 (quotes ignored: the clauses here have none inside). */
function closingOf(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

export interface CrosswalkColumn {
  table: string;
  column: string;
  dataType: string;
}

/**
 * The CEQ crosswalk, read in place from the shared data folder next to the repository (never
 * copied into it); undefined when that folder is absent, so the caller can skip and say why.
 */
export const CROSSWALK_PATH = fileURLToPath(
  new URL('../../../../../shared/data/nepa/database_crosswalk.csv', import.meta.url),
);

/** The crosswalk's rows (RFC 4180 CSV: quoted fields may hold commas, quotes and newlines). */
export function crosswalk(): CrosswalkColumn[] | undefined {
  if (!existsSync(CROSSWALK_PATH)) return undefined;
  const csv = readFileSync(CROSSWALK_PATH, 'utf8');
  const [header, ...rows] = parseCsv(csv);
  if (header?.join(',') !== 'table,column,data_type,description,is_generated') {
    throw new Error(`unexpected crosswalk header: ${header?.join(',')}`);
  }
  return rows
    .filter((row) => row.length >= 3 && row.some((cell) => cell !== ''))
    .map(([table = '', column = '', dataType = '']) => ({ table, column, dataType }));
}
