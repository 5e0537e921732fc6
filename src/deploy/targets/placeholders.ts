import { existsSync, readFileSync } from 'node:fs';
import { CaraError } from '../../core/errors.js';

/** Values for the `{name}` placeholders of commands and environment values. */
export interface PlaceholderValues {
  port: number;
  instanceDir: string;
  version: string;
  index: number;
  service: string;
  checkoutDir: string;
}

const PLACEHOLDER = /\{(port|instanceDir|version|index|service|checkoutDir)\}/g;

/** Replaces the known `{name}` placeholders; any other braces are left as they are. */
export function expandPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (_match, name: keyof PlaceholderValues) => String(values[name]));
}

/**
 * Reads a KEY=VALUE file when it exists (undefined when it does not). Blank lines and `#` comments
 * are skipped, an `export ` prefix is allowed and one pair of matching quotes around a value is
 * removed; no variable interpolation, no multi-line values.
 */
export function readEnvFile(path: string): Record<string, string> | undefined {
  if (!existsSync(path)) return undefined;
  const values: Record<string, string> = {};
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  lines.forEach((raw, at) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      throw new CaraError('DEPLOY_CONFIG_INVALID', `${path}:${at + 1}: expected KEY=VALUE, got "${line}"`, {
        hint: 'write one KEY=VALUE per line (comments start with #)',
      });
    }
    const [, key = '', value = ''] = match;
    values[key] = unquote(value);
  });
  return values;
}

function unquote(value: string): string {
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) {
    return value.slice(1, -1);
  }
  return value;
}
