import { dirname } from 'node:path';
import { CaraError, messageOf } from '../core/index.js';

/** Turns driver and file-system errors into CaraErrors that say what to do. */
export function translateSqliteError(error: unknown, file: string): unknown {
  if (error instanceof CaraError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return new CaraError(
      'STORE_CORRUPT',
      `the store ${file} is not a valid SQLite database (${messageOf(error)})`,
      {
        cause: error,
        hint: `move it aside and restore it from a backup; \`cara audit verify --checkpoint FILE\` checks a restored copy against a checkpoint you kept`,
      },
    );
  }
  if (
    [
      'EACCES',
      'EPERM',
      'ENOTDIR',
      'EISDIR',
      'EEXIST',
      'SQLITE_CANTOPEN',
      'SQLITE_READONLY',
      'SQLITE_PERM',
    ].includes(code)
  ) {
    return new CaraError('STATE_DIR_UNREADABLE', `cannot open the store ${file}: ${messageOf(error)}`, {
      cause: error,
      hint: `check that ${dirname(file)} is a directory this user can read and write`,
    });
  }
  if (code.startsWith('SQLITE_')) {
    return new CaraError('STORE_UNAVAILABLE', `the store ${file} failed: ${messageOf(error)} (${code})`, {
      cause: error,
    });
  }
  return error;
}

/** The URL with any password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable database URL)';
  }
}

export function describePgError(error: unknown): string {
  const e = error as { code?: string; errors?: unknown[] };
  if (e.code === 'ECONNREFUSED') return 'connection refused';
  if (e.code === 'ENOTFOUND') return 'host not found';
  if (e.code === '28P01' || e.code === '28000') return `authentication failed (${messageOf(error)})`;
  if (e.code === '3D000') return `database does not exist (${messageOf(error)})`;
  if (Array.isArray(e.errors) && e.errors.length > 0) return describePgError(e.errors[0]);
  return messageOf(error) || String(e.code ?? 'unknown error');
}

/** Maps a driver error that escaped a command (e.g. corruption found mid-query) to a CaraError. */
export function translateStoreError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_'))
    return translateSqliteError(error, 'the SQLite store');
  return error;
}
