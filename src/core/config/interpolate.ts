import { lookupEnv } from '../env.js';

/** `${NAME}` references; `$${NAME}` stands for a literal `${NAME}`. */
const REFERENCE = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A `${NAME}` reference that could not be resolved. */
export interface UnresolvedReference {
  path: PropertyKey[];
  variable: string;
}

export interface InterpolationResult {
  value: unknown;
  /** Paths whose string value came (partly) from the environment: never echo them. */
  interpolated: PropertyKey[][];
  unresolved: UnresolvedReference[];
}

/** Whether a string contains at least one `${NAME}` reference. */
export function hasReference(text: string): boolean {
  for (const match of text.matchAll(REFERENCE)) if (match[1] === '') return true;
  return false;
}

/**
 * Replaces `${NAME}` in every string of a parsed YAML value with the environment variable.
 * An unset or empty variable is reported and the string is left as written.
 */
export function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv | undefined): InterpolationResult {
  const result: InterpolationResult = { value: undefined, interpolated: [], unresolved: [] };
  const visit = (node: unknown, path: PropertyKey[]): unknown => {
    if (typeof node === 'string') return interpolateString(node, path, env, result);
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [key, visit(item, [...path, key])]),
      );
    }
    return node;
  };
  result.value = visit(value, []);
  return result;
}

function interpolateString(
  text: string,
  path: PropertyKey[],
  env: NodeJS.ProcessEnv | undefined,
  result: InterpolationResult,
): string {
  let usedEnv = false;
  let missing = false;
  const replaced = text.replace(REFERENCE, (whole, escaped: string, name: string) => {
    if (escaped !== '') return whole.slice(1);
    const value = lookupEnv(name, env);
    if (value === undefined || value === '') {
      result.unresolved.push({ path, variable: name });
      missing = true;
      return whole;
    }
    usedEnv = true;
    return value;
  });
  if (missing) return text;
  if (usedEnv) result.interpolated.push(path);
  return replaced;
}
