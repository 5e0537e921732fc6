import { WILDCARD } from './mask.js';
import { nameOf } from './words.js';

// Character tests stay local to each scanner: hot loops call them per character.
/** A lookup table over ASCII: 1 for each character of `chars`. */
const charTable = (chars: string): Uint8Array => {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
};
const inTable = (table: Uint8Array, c: number): boolean => c < 128 && table[c] === 1;

/** Delimiters at which a value inside a token may start or end: `key=value`, `"value"`, `(value)`. */
const BOUNDARIES = charTable(',!;:=|"\'[](){}');
const isBoundary = (c: number) => inTable(BOUNDARIES, c);

/**
 * Generalises a template token against a line token that differs from it: the common head up to a
 * boundary delimiter and the common tail from one stay, the rest becomes `<*>`.
 * `name=com.a.b` and `name=org.c` give `name=<*>`; `(12ms)` and `(3 s)` pieces give `(<*>)`.
 */
export function mergeToken(template: string, token: string): string {
  if (template === token) return template;
  if (template === WILDCARD || token === WILDCARD) return WILDCARD;
  const limit = Math.min(template.length, token.length);
  const name = nameOf(template).length;
  let head = 0; // length of the common head that ends on a boundary
  for (let i = 0; i < limit; i++) {
    const c = template.charCodeAt(i);
    if (c !== token.charCodeAt(i)) break;
    if (isBoundary(c) || i + 1 === name) head = i + 1;
  }
  let tail = 0; // length of the common tail that starts on a boundary
  for (let i = 1; i <= limit - head; i++) {
    const c = template.charCodeAt(template.length - i);
    if (c !== token.charCodeAt(token.length - i)) break;
    if (isBoundary(c) || (i === 1 && c === 46)) tail = i; // a final `.` ends a sentence
  }
  if (head + tail >= template.length || head + tail >= token.length) return WILDCARD;
  return collapse(template.slice(0, head) + WILDCARD + template.slice(template.length - tail));
}

/** Collapses `<*>.<*>` and `<*><*>` into one wildcard, as the Loghub conventions do. */
export function collapse(token: string): string {
  let out = token;
  for (;;) {
    const next = out.replaceAll('<*>.<*>', WILDCARD).replaceAll('<*><*>', WILDCARD);
    if (next === out) return out;
    out = next;
  }
}

/**
 * Whether template token `general` covers token `specific`: equal, or equal once each `<*>` of
 * `general` stands for some text (`b=<*>` covers `b=7` and `b=<*>`).
 */
export function covers(general: string, specific: string): boolean {
  if (general === specific || general === WILDCARD) return true;
  const parts = general.split(WILDCARD);
  if (parts.length === 1) return false;
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (
    !specific.startsWith(first) ||
    specific.length < first.length + last.length ||
    !specific.endsWith(last)
  ) {
    return false;
  }
  let at = first.length;
  const end = specific.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = specific.indexOf(parts[i] as string, at);
    if (found < 0 || found + (parts[i] as string).length > end) return false;
    at = found + (parts[i] as string).length;
  }
  return true;
}
