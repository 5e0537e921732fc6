/** The CEQ database crosswalk (CSV), read in place; absent means the column check is "not assessed". */
import { readFile } from 'node:fs/promises';
import { parseCsv } from '../../core/csv.js';
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
  let parsed: string[][];
  try {
    parsed = parseCsv(text);
  } catch (error) {
    return { missing: `crosswalk ${path} is not valid CSV: ${(error as Error).message}` };
  }
  const [header, ...rows] = parsed;
  if (header === undefined || !header.join(',').startsWith(HEADER)) {
    return { missing: `crosswalk ${path} does not start with the header ${HEADER}` };
  }
  return rows
    .filter((row) => row.length >= 3 && row[0] !== '')
    .map(([table = '', column = '', dataType = '']) => ({ table, column, dataType }));
}
