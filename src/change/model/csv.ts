import { RiskModelError } from './errors.js';
import { KAMEI_FEATURES } from './features.js';
import type { Sample } from './types.js';

/** Column names of the public data set that differ from ours. */
const ALIASES: Record<string, string> = { entrophy: 'entropy', _id: 'id', commit_id: 'id' };

/**
 * Parses the public JIT defect layout (ISSTA'21 replication data: `_id,date,bug,ns,...,sexp`), by
 * header, so column order does not matter. `entrophy` is read as `entropy`. Columns it does not
 * know are ignored — among them `__`, which in the published files repeats `bug` and must never
 * reach a model.
 */
export function loadJitCsv(text: string): Sample[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((name) => {
    const trimmed = name.trim();
    return ALIASES[trimmed] ?? trimmed;
  });
  const column = (name: string): number => header.indexOf(name);
  const missing = ['date', 'bug', ...KAMEI_FEATURES].filter((name) => column(name) < 0);
  if (missing.length > 0) {
    throw new RiskModelError(
      'DATA_INVALID',
      `JIT CSV header lacks ${missing.map((m) => `"${m}"`).join(', ')}`,
      {
        hint: `the header needs date, bug and ${KAMEI_FEATURES.join(', ')} (entrophy is accepted for entropy)`,
      },
    );
  }
  const idColumn = column('id');
  const featureColumns = KAMEI_FEATURES.map((name) => [name, column(name)] as const);
  const samples: Sample[] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line);
    const number = (name: string, at: number): number => {
      const cell = (cells[at] ?? '').trim();
      const value = cell === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(value)) {
        throw new RiskModelError(
          'DATA_INVALID',
          `JIT CSV line ${index + 1}: "${name}" is "${cell}", not a number`,
        );
      }
      return value;
    };
    const label = number('bug', column('bug'));
    if (label !== 0 && label !== 1) {
      throw new RiskModelError(
        'DATA_INVALID',
        `JIT CSV line ${index + 1}: "bug" must be 0 or 1, got ${label}`,
      );
    }
    const features: Record<string, number> = {};
    for (const [name, at] of featureColumns) features[name] = number(name, at);
    const sample: Sample = { features, label, time: number('date', column('date')) };
    const id = idColumn >= 0 ? cells[idColumn]?.trim() : undefined;
    if (id) sample.id = id;
    samples.push(sample);
  }
  return samples;
}

/** Splits one CSV record, honouring double quotes (`""` inside quotes is a quote). */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
