import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../core/csv.js';
import { DEFAULT_TABLES, NEPA_ENTITIES, PROVENANCE_COLUMNS } from '../entities.js';
import type { SchemaInfo } from '../schema-info.js';
import type { CrosswalkColumn, SchemaRule } from './rule.js';
import { SCHEMA_RULES } from './schema.js';

const rule = (id: string): SchemaRule => {
  const found = SCHEMA_RULES.find((r) => r.id === id);
  if (found === undefined) throw new Error(id);
  return found;
};

/** Every entity table with id and the provenance columns; `extra` adds or overrides columns. */
function schemaOf(
  extra: Record<string, Record<string, string>> = {},
  skip: string[] = [],
): { columns: Map<string, Map<string, string>>; foreignKeys: SchemaInfo['foreignKeys'] } {
  const columns = new Map<string, Map<string, string>>();
  for (const entity of NEPA_ENTITIES) {
    const table = DEFAULT_TABLES[entity];
    if (skip.includes(table)) continue;
    const cols = new Map<string, string>([
      ['id', 'bigint'],
      ...PROVENANCE_COLUMNS.map((c) => [c, 'text'] as [string, string]),
    ]);
    for (const [name, type] of Object.entries(extra[table] ?? {})) cols.set(name, type);
    columns.set(table, cols);
  }
  return { columns, foreignKeys: [] };
}

const crosswalk: CrosswalkColumn[] = [
  { table: 'project', column: 'lead_agency', dataType: 'text' },
  { table: 'project', column: 'other', dataType: 'jsonb' },
  { table: 'comment', column: 'public_acess', dataType: 'boolean' },
  { table: 'not_an_entity', column: 'x', dataType: 'text' },
];
const context = { tables: DEFAULT_TABLES, crosswalk };

describe('schema rules', () => {
  it('names each missing table', () => {
    const findings = rule('schema-tables-present').check(schemaOf({}, ['comment', 'gis_data']), context);
    expect(findings).toEqual([
      { entity: 'public_comment', table: 'comment', detail: 'table comment (public_comment) is missing' },
      { entity: 'gis_data', table: 'gis_data', detail: 'table gis_data (gis_data) is missing' },
    ]);
  });

  it('checks crosswalk columns and types, accepting json for jsonb', () => {
    const schema = schemaOf({ project: { lead_agency: 'integer', other: 'json' } });
    const findings = rule('schema-columns-crosswalk').check(schema, context);
    expect(findings).toEqual([
      { entity: 'project', table: 'project', detail: 'column project.lead_agency is integer, expected text' },
      {
        entity: 'public_comment',
        table: 'comment',
        detail: 'column comment.public_acess (boolean) is missing',
      },
    ]);
  });

  it('says "not assessed" without the crosswalk', () => {
    const result = rule('schema-columns-crosswalk').check(schemaOf(), {
      tables: DEFAULT_TABLES,
      crosswalk: { missing: 'crosswalk x.csv not found' },
    });
    expect(result).toEqual({ notAssessed: 'crosswalk x.csv not found' });
  });

  it('wants foreign keys to the mapped tables, and the provenance columns', () => {
    const schema = schemaOf({ gis_data_element: { parent_gis: 'bigint' } });
    const missingKey = rule('schema-foreign-keys').check(schema, context);
    expect(missingKey).toEqual([
      {
        entity: 'gis_data_element',
        table: 'gis_data_element',
        detail: 'gis_data_element.parent_gis has no foreign key to gis_data',
      },
    ]);
    const withKey = {
      ...schema,
      foreignKeys: [{ table: 'gis_data_element', column: 'parent_gis', references: 'gis_data' }],
    };
    expect(rule('schema-foreign-keys').check(withKey, context)).toEqual([]);
    schema.columns.get('user_role')?.delete('last_updated');
    expect(rule('schema-provenance-columns').check(schema, context)).toEqual([
      { entity: 'user_role', table: 'user_role', detail: 'user_role lacks provenance columns last_updated' },
    ]);
  });

  it('parses RFC 4180 CSV with quoted commas, quotes and newlines', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });
});
