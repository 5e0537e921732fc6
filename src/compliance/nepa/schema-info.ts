/** The live schema as information_schema describes it: columns with types, and foreign keys. */
import type { SqlClient } from './sql-client.js';

export interface ForeignKeyInfo {
  table: string;
  column: string;
  references: string;
}

/** Columns (name -> data_type) per table, and the foreign keys, of the current schema. */
export interface SchemaInfo {
  columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
  foreignKeys: readonly ForeignKeyInfo[];
}

/** True when `table` exists and has `column`. */
export function hasColumn(schema: SchemaInfo, table: string, column: string): boolean {
  return schema.columns.get(table)?.has(column) === true;
}

/**
 * Reads the columns and foreign keys of `tables` from information_schema.
 * Only the given tables are read, so a large catalogue costs nothing extra.
 */
export async function introspect(client: SqlClient, tables: readonly string[]): Promise<SchemaInfo> {
  const columnRows = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `select table_name::text as table_name, column_name::text as column_name, data_type::text as data_type
       from information_schema.columns
      where table_schema = current_schema() and table_name = any($1::text[])
      order by table_name, ordinal_position`,
    [tables],
  );
  const columns = new Map<string, Map<string, string>>();
  for (const row of columnRows) {
    let table = columns.get(row.table_name);
    if (table === undefined) {
      table = new Map();
      columns.set(row.table_name, table);
    }
    table.set(row.column_name, row.data_type);
  }
  const foreignKeys = await client.query<ForeignKeyInfo>(
    `select kcu.table_name::text as "table", kcu.column_name::text as "column",
            ccu.table_name::text as "references"
       from information_schema.table_constraints tc
       join information_schema.key_column_usage kcu
         on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
       join information_schema.constraint_column_usage ccu
         on ccu.constraint_schema = tc.constraint_schema and ccu.constraint_name = tc.constraint_name
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()
        and kcu.table_name = any($1::text[])`,
    [tables],
  );
  return { columns, foreignKeys };
}
