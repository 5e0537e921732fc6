import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CaraError } from '../../core/errors.js';
import { expandPlaceholders, type PlaceholderValues, readEnvFile } from './placeholders.js';
import type { InstanceSpec } from './types.js';

/** Service and version names become file names, so they stay plain. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Throws DEPLOY_CONFIG_INVALID naming the first field of `spec` that cannot work. */
export function validateSpec(spec: InstanceSpec): void {
  const fail = (field: string, problem: string, hint: string): never => {
    throw new CaraError('DEPLOY_CONFIG_INVALID', `instance ${field} ${problem}`, { hint });
  };
  const plain = 'use letters, digits, ".", "_" and "-" (starting with a letter or digit)';
  if (!NAME.test(spec.service)) fail('service', `"${spec.service}" is not a plain name`, plain);
  if (!NAME.test(spec.version)) fail('version', `"${spec.version}" is not a plain name`, plain);
  if (!Number.isInteger(spec.index) || spec.index < 0) {
    fail('index', `${spec.index} is not a whole number >= 0`, 'number instances 0, 1, 2, ...');
  }
  if (spec.command.length === 0 || spec.command[0] === '') {
    fail('command', 'is empty', 'give the argv that starts the service, e.g. ["node", "server.js"]');
  }
  const port = spec.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    fail('port', `${port} is not a port number`, 'use 1..65535, or 0 to pick a free port');
  }
  const { path, timeoutMs, intervalMs } = spec.readiness;
  if (!path.startsWith('/')) fail('readiness.path', `"${path}" must start with /`, 'e.g. /readyz');
  if (!(timeoutMs > 0) || !(intervalMs > 0)) {
    fail('readiness', 'needs timeoutMs and intervalMs above 0', 'e.g. timeoutMs 30000, intervalMs 200');
  }
}

/** The instance's working directory: `cwd` under the checkout, which must be an existing folder. */
export function instanceCwd(spec: InstanceSpec): string {
  const cwd = resolve(spec.checkoutDir, spec.cwd ?? '.');
  let isFolder = false;
  try {
    isFolder = statSync(cwd).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new CaraError('DEPLOY_CONFIG_INVALID', `instance working directory ${cwd} is not a folder`, {
      hint: 'cwd is relative to the version checkout; check that this version has that folder',
    });
  }
  return cwd;
}

/**
 * The instance's environment, lowest precedence first: `baseEnv` (normally the environment cara
 * runs in), `spec.env`, the version's `envFile`, then PORT and CARA_* which always win.
 * Placeholders are expanded in `env` and env-file values.
 */
export function instanceEnv(
  spec: InstanceSpec,
  values: PlaceholderValues,
  baseEnv: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  const fromFile =
    spec.envFile === undefined ? undefined : readEnvFile(resolve(values.checkoutDir, spec.envFile));
  for (const layer of [spec.env ?? {}, fromFile ?? {}]) {
    for (const [key, value] of Object.entries(layer)) env[key] = expandPlaceholders(value, values);
  }
  env.PORT = String(values.port);
  env.CARA_SERVICE = values.service;
  env.CARA_VERSION = values.version;
  env.CARA_INSTANCE_INDEX = String(values.index);
  env.CARA_INSTANCE_DIR = values.instanceDir;
  return env;
}
