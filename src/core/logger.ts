import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

export interface CreateLoggerOptions {
  level: string;
  /** Defaults to stderr, so logs never mix with a command's output. */
  destination?: NodeJS.WritableStream;
}

/** Key paths whose values never reach a log line, at the top level and one or two levels down. */
const SECRET_KEYS = [
  'password',
  'token',
  'secret',
  'apiKey',
  'authorization',
  'url',
  'databaseUrl',
  'slackWebhookUrl',
];
export const redactPaths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** A pino logger for diagnostics, with secret-bearing fields censored. */
export function createLogger(options: CreateLoggerOptions): Logger {
  return pino(
    { level: options.level, redact: { paths: redactPaths, censor: '[redacted]' }, base: null },
    (options.destination ?? process.stderr) as DestinationStream,
  );
}
