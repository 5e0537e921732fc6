/** Deepest nesting of arrays and objects `canonicalJson` accepts. */
export const MAX_DEPTH = 200;

const LONE_SURROGATE = /\p{Cs}/u;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * RFC 8785 (JCS) canonical JSON: sorted keys, no whitespace, ECMAScript number and string forms.
 * The audit log hashes these bytes, so one value must always give the same text; anything JSON cannot
 * represent exactly throws a TypeError naming its path (`$.details.count`) instead of being dropped.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, '$', 0, new Set(), out);
  return out.join('');
}

function write(value: unknown, path: string, depth: number, ancestors: Set<object>, out: string[]): void {
  switch (typeof value) {
    case 'string':
      out.push(quote(value, path));
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`${path}: ${String(value)} is not representable in JSON`);
      out.push(JSON.stringify(value)); // ECMAScript shortest round-trip form; -0 prints as 0
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'undefined':
      throw new TypeError(`${path}: undefined is not representable in JSON`);
    case 'bigint':
    case 'symbol':
    case 'function':
      throw new TypeError(`${path}: a ${typeof value} is not representable in JSON`);
  }
  if (value === null) {
    out.push('null');
    return;
  }
  const object = value as object;
  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) throw new TypeError(`${path}: an invalid Date is not representable`);
    out.push(JSON.stringify(object.toJSON()));
    return;
  }
  if (depth >= MAX_DEPTH) throw new RangeError(`${path}: nesting is deeper than ${MAX_DEPTH} levels`);
  if (ancestors.has(object)) throw new TypeError(`${path}: circular reference`);
  ancestors.add(object);
  if (Array.isArray(object)) {
    writeArray(object, path, depth, ancestors, out);
  } else {
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      const kind = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new TypeError(`${path}: a ${kind} is not a plain object, array or Date`);
    }
    writeObject(object as Record<string, unknown>, path, depth, ancestors, out);
  }
  ancestors.delete(object);
}

function writeArray(
  array: readonly unknown[],
  path: string,
  depth: number,
  ancestors: Set<object>,
  out: string[],
): void {
  out.push('[');
  for (let i = 0; i < array.length; i++) {
    if (i > 0) out.push(',');
    write(array[i], `${path}[${i}]`, depth + 1, ancestors, out);
  }
  out.push(']');
}

function writeObject(
  object: Record<string, unknown>,
  path: string,
  depth: number,
  ancestors: Set<object>,
  out: string[],
): void {
  // Default sort compares UTF-16 code units, exactly as RFC 8785 section 3.2.3 asks. Symbol keys are not data.
  const keys = Object.keys(object).sort();
  out.push('{');
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue; // omitted, as JSON.stringify does
    const memberPath = IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
    if (!first) out.push(',');
    first = false;
    out.push(quote(key, memberPath), ':');
    write(member, memberPath, depth + 1, ancestors, out);
  }
  out.push('}');
}

/** JSON string literal as JSON.stringify writes it (RFC 8785 section 3.2.2.2), refusing lone surrogates. */
function quote(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) {
    throw new TypeError(`${path}: string holds a lone UTF-16 surrogate, which is not valid Unicode`);
  }
  return JSON.stringify(text);
}
