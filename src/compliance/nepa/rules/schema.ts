/**
 * Schema conformance by introspection: the 13 tables exist, carry the crosswalk's columns with
 * compatible types, the foreign keys between entities, and the v1.2 provenance columns.
 */
import {
  EXPECTED_FOREIGN_KEYS,
  entityOfCrosswalkTable,
  NEPA_ENTITIES,
  PROVENANCE_COLUMNS,
} from '../entities.js';
import { hasColumn } from '../schema-info.js';
import { CEQ_STANDARD, type SchemaFinding, type SchemaRule } from './rule.js';

/** Types that hold the crosswalk's values without loss, per crosswalk type. */
const COMPATIBLE: Readonly<Record<string, readonly string[]>> = {
  bigint: ['bigint', 'numeric'],
  integer: ['integer', 'bigint', 'numeric'],
  text: ['text', 'character varying'],
  json: ['json', 'jsonb'],
  jsonb: ['jsonb', 'json'],
  boolean: ['boolean'],
  date: ['date', 'timestamp with time zone', 'timestamp without time zone'],
  'double precision': ['double precision', 'numeric'],
  'timestamp with time zone': ['timestamp with time zone'],
};

const schemaRule = (
  id: string,
  description: string,
  check: SchemaRule['check'],
  citation = `${CEQ_STANDARD} (database crosswalk)`,
): SchemaRule => ({
  kind: 'schema',
  id,
  family: 'schema',
  entities: NEPA_ENTITIES,
  citation,
  severity: 'error',
  description,
  check,
});

export const SCHEMA_RULES: readonly SchemaRule[] = [
  schemaRule('schema-tables-present', 'the 13 entity tables exist', (schema, { tables }) =>
    NEPA_ENTITIES.filter((entity) => !schema.columns.has(tables[entity])).map((entity) => ({
      entity,
      table: tables[entity],
      detail: `table ${tables[entity]} (${entity}) is missing`,
    })),
  ),
  schemaRule(
    'schema-columns-crosswalk',
    'every crosswalk column exists with a compatible type',
    (schema, { tables, crosswalk }) => {
      if (!Array.isArray(crosswalk)) return { notAssessed: (crosswalk as { missing: string }).missing };
      const findings: SchemaFinding[] = [];
      for (const row of crosswalk) {
        const entity = entityOfCrosswalkTable(row.table);
        if (entity === undefined) continue;
        const table = tables[entity];
        const columns = schema.columns.get(table);
        if (columns === undefined) continue;
        const actual = columns.get(row.column);
        if (actual === undefined) {
          findings.push({
            entity,
            table,
            detail: `column ${table}.${row.column} (${row.dataType}) is missing`,
          });
          continue;
        }
        const accepted = COMPATIBLE[row.dataType] ?? [row.dataType];
        if (!accepted.includes(actual)) {
          findings.push({
            entity,
            table,
            detail: `column ${table}.${row.column} is ${actual}, expected ${row.dataType}`,
          });
        }
      }
      return findings;
    },
  ),
  schemaRule(
    'schema-foreign-keys',
    'the references between entities are foreign keys',
    (schema, { tables }) => {
      const findings: SchemaFinding[] = [];
      for (const expected of EXPECTED_FOREIGN_KEYS) {
        const table = tables[expected.entity];
        const target = tables[expected.references];
        if (!hasColumn(schema, table, expected.column) || !schema.columns.has(target)) continue;
        const found = schema.foreignKeys.some(
          (key) => key.table === table && key.column === expected.column && key.references === target,
        );
        if (!found) {
          findings.push({
            entity: expected.entity,
            table,
            detail: `${table}.${expected.column} has no foreign key to ${target}`,
          });
        }
      }
      return findings;
    },
  ),
  schemaRule(
    'schema-provenance-columns',
    'every entity table has the v1.2 provenance columns',
    (schema, { tables }) =>
      NEPA_ENTITIES.flatMap((entity) => {
        const table = tables[entity];
        if (!schema.columns.has(table)) return [];
        const missing = PROVENANCE_COLUMNS.filter((column) => !hasColumn(schema, table, column));
        return missing.length === 0
          ? []
          : [{ entity, table, detail: `${table} lacks provenance columns ${missing.join(', ')}` }];
      }),
    `${CEQ_STANDARD} (provenance fields)`,
  ),
];
