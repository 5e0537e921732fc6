import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvRecords } from './logparse-csv.js';

/** One system's labelled lines: the message text and its truth template. */
export interface LabelledSystem {
  name: string;
  contents: string[];
  templates: string[];
}

const SUFFIX = '_structured_corrected.csv';

/**
 * Reads every `<dir>/<System>/<System>_2k.log_structured_corrected.csv` (any file ending in
 * `_structured_corrected.csv`), in name order; undefined when `dir` does not exist.
 */
export function loadSystems(dir: string): LabelledSystem[] | undefined {
  if (!existsSync(dir)) return undefined;
  const systems: LabelledSystem[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory()) continue;
    const folder = join(dir, entry.name);
    const file = readdirSync(folder).find((name) => name.endsWith(SUFFIX));
    if (!file) continue;
    const path = join(folder, file);
    let rows: Record<string, string>[];
    try {
      rows = csvRecords(readFileSync(path, 'utf8'), ['Content', 'EventTemplate']);
    } catch (error) {
      throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    systems.push({
      name: entry.name,
      contents: rows.map((row) => row.Content ?? ''),
      templates: rows.map((row) => row.EventTemplate ?? ''),
    });
  }
  return systems;
}
