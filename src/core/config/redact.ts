import { secretPathsIn } from './schema.js';

const REDACTED = '[redacted]';

/**
 * Property names that hold secrets: password, secret(s), token, apiKey, authorization, cookie,
 * credential(s), private/access keys, connection strings. Counts such as `maxTokens` or
 * `tokenCount` do not match, so redaction never eats ordinary data.
 */
export const SECRET_KEY_PATTERN =
  /(?:pass(?:word|wd|phrase)|secrets?|token|api[-_]?key|access[-_]?key|private[-_]?key|authorization|cookie|credentials?|connection[-_]?string)(?![a-z])/i;

/** `scheme://user:password@` in any text; group 1 is everything up to the password. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s@/]+)(?=@)/gi;

/** A deep copy of a config with every secret field that is set replaced by `[redacted]`. */
export function redactSecrets<T>(config: T): T {
  const copy = structuredClone(config);
  for (const path of secretPathsIn(copy)) {
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => childOf(node, key), copy);
    const key = path.at(-1);
    if (key === undefined || parent === null || typeof parent !== 'object') continue;
    const record = parent as Record<string, unknown>;
    if (record[key] !== undefined && record[key] !== null) record[key] = REDACTED;
  }
  return copy;
}

/**
 * Replaces every occurrence of the given secret values in text, and the password of any URL
 * (`postgres://user:PASSWORD@host`), so error messages and logs can be shown safely.
 */
export function redactText(text: string, secrets: string[]): string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    needles.add(secret);
    for (const password of urlPasswords(secret)) needles.add(password);
  }
  // One pass, longest secret first, so a replacement is never searched again.
  const alternatives = [...needles].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const result =
    alternatives.length === 0 ? text : text.replace(new RegExp(alternatives.join('|'), 'g'), REDACTED);
  return result.replace(URL_PASSWORD, (_whole, prefix: string, password: string) =>
    password === REDACTED ? `${prefix}${password}` : `${prefix}${REDACTED}`,
  );
}

/**
 * A deep copy of any value with every property whose name matches SECRET_KEY_PATTERN redacted,
 * and URL passwords removed from strings; the audit log applies it to event details.
 */
export function redactObject(value: unknown): unknown {
  const seen = new WeakMap<object, unknown>();
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return redactText(node, []);
    if (node === null || typeof node !== 'object') return node;
    const done = seen.get(node);
    if (done !== undefined) return done;
    if (Array.isArray(node)) {
      const copy: unknown[] = [];
      seen.set(node, copy);
      for (const item of node) copy.push(visit(item));
      return copy;
    }
    if (!isPlainObject(node)) return node;
    const copy: Record<string, unknown> = {};
    seen.set(node, copy);
    for (const [key, item] of Object.entries(node)) {
      copy[key] =
        SECRET_KEY_PATTERN.test(key) && item !== undefined && item !== null ? REDACTED : visit(item);
    }
    return copy;
  };
  return visit(value);
}

function childOf(node: unknown, key: string): unknown {
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
}

function urlPasswords(secret: string): string[] {
  const passwords: string[] = [];
  for (const match of secret.matchAll(URL_PASSWORD)) {
    const password = match[2];
    if (password === undefined) continue;
    passwords.push(password);
    try {
      passwords.push(decodeURIComponent(password));
    } catch {
      // Not valid percent-encoding: the raw form above is all there is to hide.
    }
  }
  return passwords;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
