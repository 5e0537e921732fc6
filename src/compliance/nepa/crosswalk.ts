/** The CEQ database crosswalk (CSV), read in place; absent means the column check is "not assessed". */
import { readFile } from 'node:fs/promises';
import type { CrosswalkColumn } from './rules/rule.js';

const HEADER = 'table,column,data_type';

/**
 * The crosswalk's (table, column, data_type) rows, or `{ missing }` saying why they are unavailable.
 * Never throws: a missing or malformed file makes one check "not assessed", not the run fail.
 */
export async function readCrosswalk(path: string): Promise<CrosswalkColumn[] | { missing: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { missing: `crosswalk ${path} not found` };
  }
  const [header, ...rows] = parseCsv(text);
  if (header === undefined || !header.join(',').startsWith(HEADER)) {
    return { missing: `crosswalk ${path} does not start with the header ${HEADER}` };
  }
  return rows
    .filter((row) => row.length >= 3 && row[0] !== '')
    .map(([table = '', column = '', dataType = '']) => ({ table, column, dataType }));
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
