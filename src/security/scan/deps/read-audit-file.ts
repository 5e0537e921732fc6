import { readFile } from 'node:fs/promises';
import { CaraError } from '../../../core/errors.js';
import { unavailable } from './npm-audit.js';
import { parseNpmAudit } from './parse-npm-audit.js';
import type { DependencyReport } from './types.js';

/**
 * Reads a saved `npm audit --json` report. A saved npm error (the service was unreachable when it
 * was made) is an `unavailable` report; a missing file is USAGE, a file that is not one DATA_INVALID.
 */
export async function readNpmAuditFile(path: string): Promise<DependencyReport> {
  const text = await readFile(path, 'utf8').catch((error: unknown) =>
    Promise.reject(
      new CaraError('USAGE', `Cannot read ${path}.`, {
        hint: 'check the path given to --file',
        cause: error,
      }),
    ),
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CaraError('DATA_INVALID', `${path} is not JSON: ${(error as Error).message}`, {
      hint: 'save the report with `npm audit --json > audit.json`',
      cause: error,
    });
  }
  const outcome = parseNpmAudit(parsed, path);
  if (outcome.kind === 'error') return { ...unavailable(outcome.message), source: path };
  const { kind: _kind, ...rest } = outcome;
  return { status: 'ok', source: path, ...rest };
}
