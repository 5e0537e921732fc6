/** Command-line options of `npm run load`, parsed with every problem reported at once. */
import { type Mix, REQUEST_KINDS, type RequestKind } from './requests.js';
import type { RunLoadOptions } from './run-load.js';

export interface LoadArgs {
  options: RunLoadOptions;
  json: boolean;
  help: boolean;
  errors: string[];
}

export const LOAD_USAGE = `usage: npm run load -- --url URL [--rps 20] [--duration 30s] [--seed 1]
                      [--mix ask=0.6,documents=0.1,projects=0.3] [--timeout 10s] [--json]
kinds: ${REQUEST_KINDS.join(', ')}`;

/** Parses "30s", "2m", "500ms" or a plain number of seconds. */
export function parseDuration(text: string): number | undefined {
  const match = text.trim().match(/^(\d+(?:\.\d+)?)(ms|s|m|h)?$/);
  if (!match) return undefined;
  const scale = { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2] ?? 's'] ?? 1;
  return Number(match[1]) * scale;
}

/** Parses "ask=0.6,documents=0.1" into weights. */
export function parseMix(text: string, errors: string[]): Mix {
  const mix: Mix = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [kind = '', weight = ''] = part.split('=');
    const value = Number(weight);
    if (!(REQUEST_KINDS as readonly string[]).includes(kind)) errors.push(`--mix: unknown kind "${kind}"`);
    else if (!Number.isFinite(value) || value < 0) errors.push(`--mix: weight of ${kind} must be >= 0`);
    else mix[kind as RequestKind] = value;
  }
  if (Object.values(mix).every((weight) => !weight)) errors.push('--mix: give at least one positive weight');
  return mix;
}

/** Parses the arguments after `--`. */
export function parseLoadArgs(argv: readonly string[]): LoadArgs {
  const errors: string[] = [];
  const values = new Map<string, string>();
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s);
      const value = inline ?? argv[++i];
      if (value === undefined) errors.push(`--${name} needs a value`);
      else values.set(name ?? '', value);
    } else errors.push(`unexpected argument "${arg}"`);
  }
  const url = values.get('url') ?? '';
  if (!/^https?:\/\//.test(url))
    errors.push('--url must be an http(s) URL, e.g. --url http://localhost:8080');
  const rps = Number(values.get('rps') ?? 20);
  if (!Number.isFinite(rps) || rps <= 0 || rps > 10_000)
    errors.push('--rps must be a number above 0 and at most 10000');
  const durationS = parseDuration(values.get('duration') ?? '30s');
  if (durationS === undefined || durationS <= 0) errors.push('--duration must look like 30s, 2m or 500ms');
  const seed = Number(values.get('seed') ?? 1);
  if (!Number.isInteger(seed) || seed < 0) errors.push('--seed must be a non-negative integer');
  const timeoutS = parseDuration(values.get('timeout') ?? '10s');
  if (timeoutS === undefined || timeoutS <= 0) errors.push('--timeout must look like 10s or 500ms');
  for (const name of values.keys()) {
    if (!['url', 'rps', 'duration', 'seed', 'mix', 'timeout'].includes(name))
      errors.push(`unknown option --${name}`);
  }
  const options: RunLoadOptions = {
    url,
    rps,
    durationS: durationS ?? 30,
    seed,
    timeoutMs: (timeoutS ?? 10) * 1000,
  };
  const mix = values.get('mix');
  if (mix !== undefined) options.mix = parseMix(mix, errors);
  return { options, json, help, errors };
}
