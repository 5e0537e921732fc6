import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LabelledText, parseLabelledJsonl } from '../../src/security/guard/index.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The deepset prompt-injection training set, read in place from `../shared/data` beside the project. */
export const DEFAULT_GUARD_DATA = join(
  PROJECT_ROOT,
  '..',
  'shared',
  'data',
  'prompt-injection',
  'deepset-train.jsonl',
);

/** Reads labelled JSONL rows, or says why they are not there (the caller prints it and skips). */
export function loadGuardData(
  file: string = DEFAULT_GUARD_DATA,
): { rows: LabelledText[] } | { skipped: string } {
  if (!existsSync(file)) return { skipped: `${file} is not there` };
  return { rows: parseLabelledJsonl(readFileSync(file, 'utf8'), file) };
}
