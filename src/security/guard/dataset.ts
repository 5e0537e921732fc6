import { CaraError } from '../../core/errors.js';
import type { LabelledText } from './types.js';

/**
 * Parses JSONL rows of `{text, label}` (label 1 = injection, 0 = benign; `true`/`false` accepted).
 * A malformed row throws CaraError('DATA_INVALID') naming the source and line.
 */
export function parseLabelledJsonl(content: string, source: string): LabelledText[] {
  const rows: LabelledText[] = [];
  for (const [i, line] of content.split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = `${source}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      throw new CaraError('DATA_INVALID', `${where} is not valid JSON`, { cause });
    }
    const row = value as { text?: unknown; label?: unknown };
    if (typeof value !== 'object' || value === null || typeof row.text !== 'string')
      throw new CaraError('DATA_INVALID', `${where} has no "text" string`);
    const label = row.label === true ? 1 : row.label === false ? 0 : row.label;
    if (label !== 0 && label !== 1)
      throw new CaraError(
        'DATA_INVALID',
        `${where} has "label" ${JSON.stringify(row.label)}; expected 0 or 1`,
      );
    rows.push({ text: row.text, label });
  }
  return rows;
}
