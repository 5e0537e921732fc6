/**
 * The one module that reads process.env. Everything else receives a CaraEnv, so tests can pass
 * their own without touching the process.
 */
export interface CaraEnv {
  /** PostgreSQL connection string; when set, the store lives there instead of .cara/cara.db. */
  databaseUrl: string | undefined;
  /** pino level for diagnostic logs on stderr. */
  logLevel: string;
  /** Actor recorded in audit events; falls back to the OS user. */
  actor: string | undefined;
  /** Environment name recorded in audit events (e.g. ci, staging). */
  environment: string | undefined;
  ci: boolean;
  noColor: boolean;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): CaraEnv {
  return {
    databaseUrl: nonEmpty(source.CARA_DATABASE_URL),
    logLevel: nonEmpty(source.CARA_LOG_LEVEL) ?? 'warn',
    actor: nonEmpty(source.CARA_ACTOR) ?? nonEmpty(source.GITHUB_ACTOR),
    environment: nonEmpty(source.CARA_ENVIRONMENT),
    ci: source.CI === 'true' || source.CI === '1',
    noColor: source.NO_COLOR !== undefined && source.NO_COLOR !== '',
  };
}

/** Looks up one variable by name, for `${NAME}` references in the config file. */
export function lookupEnv(name: string, source: NodeJS.ProcessEnv = process.env): string | undefined {
  return source[name];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
