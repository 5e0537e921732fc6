/** A JSON export of NEPA records validated against the standard's JSON Schema. */
import { readFile, stat } from 'node:fs/promises';
import { CaraError } from '../../core/errors.js';
import { type JsonSchema, type SchemaIssue, validateJsonSchema } from '../../security/index.js';

/** Issues listed in a report; every issue is counted. */
const MAX_LISTED = 200;
/** Exports above this size are refused rather than read into memory whole. */
const MAX_BYTES = 256 * 1024 * 1024;

export interface JsonExportReport {
  file: string;
  schema: string;
  conformant: boolean;
  /** Per top-level collection (projects, processes, ...): rows and rows with at least one issue. */
  collections: { name: string; rows: number; invalidRows: number }[];
  totalIssues: number;
  /** The first issues, each a JSON pointer into the export and what is wrong there. */
  issues: SchemaIssue[];
}

async function readJson(path: string, what: string): Promise<unknown> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new CaraError('USAGE', `Cannot read the ${what} ${path}.`, {
      cause: error,
      hint: 'check the path',
    });
  }
  if (size > MAX_BYTES) {
    throw new CaraError(
      'DATA_INVALID',
      `The ${what} ${path} is ${size} bytes, above the ${MAX_BYTES}-byte limit.`,
      {
        hint: 'load large exports into PostgreSQL and use --database-url',
      },
    );
  }
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CaraError(
      'DATA_INVALID',
      `The ${what} ${path} is not valid JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Validates an export (an object of entity collections, as the CEQ standard's root schema
 * describes) against `schemaPath`; every issue names its JSON pointer, e.g. `/projects/3/lead_agency`.
 */
export async function checkJsonExport(file: string, schemaPath: string): Promise<JsonExportReport> {
  const schema = (await readJson(schemaPath, 'JSON Schema')) as JsonSchema;
  const data = await readJson(file, 'export');
  const issues = validateJsonSchema(schema, data);
  const invalid = new Map<string, Set<string>>();
  for (const issue of issues) {
    const [, collection, row] = issue.path.split('/');
    if (collection === undefined || row === undefined) continue;
    const rows = invalid.get(collection) ?? new Set<string>();
    rows.add(row);
    invalid.set(collection, rows);
  }
  const record = data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {};
  const collections = Object.entries(record as Record<string, unknown>)
    .filter(([, rows]) => Array.isArray(rows))
    .map(([name, rows]) => ({
      name,
      rows: (rows as unknown[]).length,
      invalidRows: invalid.get(name)?.size ?? 0,
    }));
  return {
    file,
    schema: schemaPath,
    conformant: issues.length === 0,
    collections,
    totalIssues: issues.length,
    issues: issues.slice(0, MAX_LISTED),
  };
}
