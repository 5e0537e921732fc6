import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { AuditLog, loadSigner, type NoteSigner } from '../audit/index.js';
import {
  assertValidConfig,
  type CaraConfig,
  type CaraEnv,
  CaraError,
  type ConfigIssue,
  createLogger,
  formatConfigIssue,
  type Logger,
  loadConfig,
  systemClock,
} from '../core/index.js';
import { findRepoRoot, gitConfigValue } from '../git/index.js';
import { openStore, type Store } from '../store/index.js';
import { line, type Output } from './output.js';

export const CONFIG_FILE = 'cara.config.yaml';
export const STATE_DIR = '.cara';

export interface RuntimeOptions {
  cwd: string;
  env: CaraEnv;
  output: Output;
  /** The command being run, e.g. `audit record`; recorded as the AU-3 source. */
  command: string;
}

/** What a command that works on a repository's store needs, opened once and closed by `finish`. */
export interface Runtime {
  root: string;
  config: CaraConfig;
  store: Store;
  audit: AuditLog;
  origin: string;
  /** Who runs the command: CARA_ACTOR, else git user.email, else the OS user (AU-3 identity). */
  actor: string;
  logger: Logger;
  /** Where notes and warnings go (stderr) while the command works. */
  output: Output;
  signer(): NoteSigner;
  /** Signs a checkpoint if this command appended events, then closes the store. */
  finish(): Promise<void>;
}

/** Loads and validates the repository's config; prints warnings to stderr. */
export async function readConfig(root: string, output: Output): Promise<CaraConfig> {
  const file = join(root, CONFIG_FILE);
  if (!existsSync(file)) {
    throw new CaraError('CONFIG_NOT_FOUND', `cara is not set up in ${root}: ${CONFIG_FILE} is missing`, {
      hint: 'run `cara init` in the repository',
    });
  }
  const result = await loadConfig(file);
  printWarnings(result.warnings, output);
  return assertValidConfig(result);
}

export function printWarnings(warnings: readonly ConfigIssue[], output: Output): void {
  for (const warning of warnings) line(output.err, `warning: ${formatConfigIssue(warning)}`);
}

export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const root = await findRepoRoot(options.cwd);
  const config = await readConfig(root, options.output);
  const stateDir = join(root, STATE_DIR);
  const databaseUrl = options.env.databaseUrl ?? config.store.url;
  if (!databaseUrl && !existsSync(stateDir)) {
    throw new CaraError('STATE_DIR_UNREADABLE', `${stateDir} is missing`, {
      hint: 'run `cara init` to create it',
    });
  }
  const logger = createLogger({ level: options.env.logLevel });
  const store = await openStore({ databaseUrl, sqlitePath: resolve(root, config.store.path) });
  logger.debug(
    { store: store.location, dialect: store.dialect, migrations: store.migrations },
    'store opened',
  );
  const origin = checkpointOrigin(config, root);
  let signer: NoteSigner | undefined;
  const getSigner = () => {
    signer ??= loadSigner(resolve(root, config.audit.signingKey), origin);
    return signer;
  };
  const actor =
    options.env.actor ?? (await gitConfigValue(root, 'user.email')) ?? safeUserName() ?? 'unknown';
  const audit = new AuditLog({
    store,
    clock: systemClock,
    origin,
    signer: getSigner,
    externalCheckpointDir: config.audit.externalCheckpointDir
      ? resolve(root, config.audit.externalCheckpointDir)
      : undefined,
    context: {
      host: hostname(),
      repository: root,
      environment: options.env.environment ?? config.audit.environment,
      actor,
      component: 'cara-cli',
      command: options.command,
    },
  });
  return {
    root,
    config,
    store,
    audit,
    origin,
    actor,
    logger,
    output: options.output,
    signer: getSigner,
    async finish() {
      try {
        if (audit.appended > 0) await audit.checkpoint();
      } finally {
        await store.close();
      }
    },
  };
}

/** Runs `fn` with an open runtime and always finishes it (checkpoint + close), even on error. */
export async function withRuntime<T>(
  options: RuntimeOptions,
  fn: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime(options);
  let failed = true;
  try {
    const result = await fn(runtime);
    failed = false;
    return result;
  } finally {
    if (failed) await runtime.finish().catch(() => undefined);
    else await runtime.finish();
  }
}

function safeUserName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

/** The checkpoint origin, which also names the signing key: one token, no spaces or '+'. */
export function checkpointOrigin(config: CaraConfig, root: string): string {
  if (config.audit.origin !== undefined) {
    if (/[\s+]/u.test(config.audit.origin)) {
      throw new CaraError(
        'CONFIG_INVALID',
        `audit.origin "${config.audit.origin}" must not contain spaces or '+'`,
        {
          hint: 'use a name like example.gov/cara/my-project',
        },
      );
    }
    return config.audit.origin;
  }
  const name = (config.project.name ?? basename(root)).replace(/[\s+]+/gu, '-');
  return `cara.local/${name}`;
}
