import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CaraError } from '../../core/errors.js';
import { type Allowlist, mergeAllowlists, parseAllowlist } from './allowlist.js';

/** Allowlists read when present: committed at the repository root, and local in the ignored `.cara/`. */
export const ALLOWLIST_FILES: readonly string[] = ['.cara-secrets-allowlist', '.cara/secrets-allowlist'];

/**
 * The repository's allowlists (ALLOWLIST_FILES, when present) merged with an extra file, which must
 * exist. A bad entry is a CONFIG_INVALID error naming the file and line.
 */
export async function loadAllowlists(root: string, extraFile?: string): Promise<Allowlist> {
  const lists: Allowlist[] = [];
  for (const name of ALLOWLIST_FILES) {
    const file = join(root, name);
    if (existsSync(file)) lists.push(parseAllowlist(readFileSync(file, 'utf8'), name));
  }
  if (extraFile !== undefined) {
    const text = await readFile(extraFile, 'utf8').catch((error: unknown) =>
      Promise.reject(new CaraError('USAGE', `Cannot read the allowlist ${extraFile}.`, { cause: error })),
    );
    lists.push(parseAllowlist(text, extraFile));
  }
  return mergeAllowlists(lists);
}
