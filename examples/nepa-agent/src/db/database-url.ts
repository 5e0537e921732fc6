/** Checking a PostgreSQL URL without loading the driver. */
import { DatabaseError } from './errors.js';

/** `host:port/database` of a URL, never its password; throws DB_URL_INVALID for a malformed one. */
export function describeUrl(databaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch (error) {
    throw new DatabaseError(
      'DB_URL_INVALID',
      'databaseUrl is not a valid URL; expected postgres://user:password@host:5432/database.',
      { cause: error },
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new DatabaseError(
      'DB_URL_INVALID',
      `databaseUrl has scheme "${url.protocol}" but must start with postgres:// or postgresql:// ` +
        '(leave databaseUrl unset to use the embedded PGlite database).',
    );
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new DatabaseError(
      'DB_URL_INVALID',
      'databaseUrl names no host; expected postgres://user:password@host:5432/database.',
    );
  }
  return `${url.hostname || url.searchParams.get('host')}:${url.port || '5432'}${url.pathname}`;
}
