import { CaraError } from '../../core/errors.js';
import { globToRegExp } from './glob.js';

/** What a scan may ignore: known fingerprints, paths, secret patterns and whole rules. */
export interface Allowlist {
  fingerprints: ReadonlySet<string>;
  paths: readonly RegExp[];
  secrets: readonly RegExp[];
  rules: ReadonlySet<string>;
}

export const EMPTY_ALLOWLIST: Allowlist = {
  fingerprints: new Set(),
  paths: [],
  secrets: [],
  rules: new Set(),
};

/** The comment that allows secrets on its own line and on the next line. */
export const INLINE_ALLOW = 'cara:allow-secret';

/**
 * Parses an allowlist file: one entry a line, `#` comments. `fingerprint:HEX` (or a bare 32-hex
 * fingerprint), `path:GLOB`, `regex:PATTERN` (tested against the secret) and `rule:ID`. A bad line
 * is a CONFIG_INVALID error naming `source:line`.
 */
export function parseAllowlist(text: string, source: string): Allowlist {
  const fingerprints = new Set<string>();
  const paths: RegExp[] = [];
  const secrets: RegExp[] = [];
  const rules = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const entry = raw.replace(/(?:^|\s)#.*$/, '').trim();
    if (entry === '') return;
    const where = `${source}:${index + 1}`;
    const colon = entry.indexOf(':');
    const kind = colon > 0 ? entry.slice(0, colon).trim().toLowerCase() : '';
    const value = colon > 0 ? entry.slice(colon + 1).trim() : entry;
    if (kind === '' && /^[0-9a-f]{32}$/i.test(value)) fingerprints.add(value.toLowerCase());
    else if (kind === 'fingerprint' && /^[0-9a-f]{32}$/i.test(value)) fingerprints.add(value.toLowerCase());
    else if (kind === 'path' && value !== '') paths.push(globToRegExp(value));
    else if (kind === 'rule' && /^[a-z0-9-]+$/.test(value)) rules.add(value);
    else if (kind === 'regex' && value !== '') secrets.push(compile(value, where));
    else {
      throw new CaraError('CONFIG_INVALID', `${where}: cannot read allowlist entry "${raw.trim()}"`, {
        hint: 'use fingerprint:<32 hex>, path:<glob>, regex:<pattern> or rule:<rule-id>, one a line',
      });
    }
  });
  return { fingerprints, paths, secrets, rules };
}

function compile(pattern: string, where: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new CaraError('CONFIG_INVALID', `${where}: invalid regular expression ${pattern}`, {
      cause: error,
      hint: 'write a JavaScript regular expression without slashes, e.g. regex:^AKIAEXAMPLE',
    });
  }
}

/** Several allowlists as one. */
export function mergeAllowlists(lists: readonly Allowlist[]): Allowlist {
  return {
    fingerprints: new Set(lists.flatMap((l) => [...l.fingerprints])),
    paths: lists.flatMap((l) => l.paths),
    secrets: lists.flatMap((l) => l.secrets),
    rules: new Set(lists.flatMap((l) => [...l.rules])),
  };
}

/** True when the allowlist skips this repo-relative path entirely. */
export function isPathAllowed(allowlist: Allowlist, path: string): boolean {
  return allowlist.paths.some((re) => re.test(path));
}

/** True when a finding (rule, fingerprint, secret) is allowlisted. */
export function isSecretAllowed(
  allowlist: Allowlist,
  ruleId: string,
  print: string,
  secret: string,
): boolean {
  if (allowlist.rules.has(ruleId) || allowlist.fingerprints.has(print)) return true;
  return allowlist.secrets.some((re) => re.test(secret));
}
