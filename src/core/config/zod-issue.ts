import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { keysAt } from './schema.js';

/** A schema problem in words, before it is placed in the file. */
export interface DescribedIssue {
  path: PropertyKey[];
  message: string;
  hint: string | undefined;
  /** Whether the problem is the key itself (unknown keys) or its value. */
  at: 'key' | 'value';
}

/**
 * Turns one zod issue into messages people act on: unknown keys with a suggestion from the keys
 * of that mapping, wrong types with what was written, enums with the allowed values.
 * `isHidden(path)` says whether a value must not be echoed (secrets, values from the environment).
 */
export function describeZodIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  isHidden: (path: readonly PropertyKey[]) => boolean,
): DescribedIssue[] {
  const path = [...issue.path];
  const got = () => describeValue(valueAt(data, path), isHidden(path));
  const described = (message: string, hint?: string): DescribedIssue[] => [
    { path, message, hint, at: 'value' },
  ];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: 'unknown key',
        hint: suggestKey(key, keysAt(path)),
        at: 'key',
      }));
    case 'invalid_type': {
      const value = valueAt(data, path);
      if (value === undefined) return described('required');
      if (value === null && issue.expected === 'object') {
        return described('expected a mapping, got an empty value', 'remove the key or give it fields');
      }
      return described(`expected ${typeNoun(issue.expected)}, got ${got()}`);
    }
    case 'invalid_value': {
      const allowed = issue.values.map((value) => `\`${String(value)}\``);
      const value = valueAt(data, path);
      const hint =
        typeof value === 'string' && !isHidden(path) ? suggestValue(value, issue.values) : undefined;
      const expected = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
      return described(`expected ${expected}, got ${got()}`, hint);
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return described('must not be empty');
      return described(
        `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}, got ${got()}`,
      );
    case 'too_big':
      return described(`must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}, got ${got()}`);
    case 'invalid_format':
      if (issue.format === 'url') return described(`expected a URL, got ${got()}`);
      return described(issue.message);
    default:
      return described(issue.message);
  }
}

/** The value at a path in plain data, or undefined when the path does not exist. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** `did you mean` for a near miss, otherwise the list of valid keys. */
function suggestKey(key: string, valid: string[]): string | undefined {
  if (valid.length === 0) return undefined;
  const nearest = closest(key, valid);
  if (distance(key, nearest) <= Math.max(2, Math.floor(key.length / 3)))
    return `did you mean \`${nearest}\`?`;
  return `valid keys: ${valid.map((name) => `\`${name}\``).join(', ')}`;
}

function suggestValue(value: string, allowed: readonly unknown[]): string | undefined {
  const names = allowed.filter((item): item is string => typeof item === 'string');
  if (names.length === 0) return undefined;
  const nearest = closest(value, names);
  return distance(value, nearest) <= Math.max(2, Math.floor(value.length / 3))
    ? `did you mean \`${nearest}\`?`
    : undefined;
}

function typeNoun(expected: string): string {
  if (expected === 'object') return 'a mapping';
  if (expected === 'array') return 'a list';
  return expected;
}

function describeValue(value: unknown, hidden: boolean): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (hidden) return `a ${typeof value} (value hidden)`;
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  return `${typeof value} ${String(value)}`;
}
