import { parseCsv } from '../../src/core/csv.js';

/** Rows as records keyed by the header row; throws when a named column is missing. */
export function csvRecords(text: string, required: readonly string[]): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  for (const column of required) {
    if (!header.includes(column)) throw new Error(`CSV has no "${column}" column (has ${header.join(', ')})`);
  }
  return rows
    .filter((row) => !(row.length === 1 && row[0] === ''))
    .map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}
