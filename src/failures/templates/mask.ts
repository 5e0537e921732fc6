/**
 * Masking of variable shapes inside one whitespace-free token, in one pass over its characters.
 *
 * A token is cut into pieces at delimiters (`, ! ; : = | " ' [ ] ( ) { } . - + @ # $ % & /`); a
 * piece that looks variable (see `isVariablePiece`) becomes `<*>` and the delimiters stay, so
 * `2024-01-02` becomes `<*>-<*>-<*>`; then `<*>.<*>` and `<*><*>` collapse to `<*>` (`0.25` is one
 * value). Paths, UUIDs, URLs and network addresses become one wildcard, and so does a `key=value`
 * value that holds one. These are the conventions of the Loghub ground-truth templates, so mined
 * templates compare with them as strings.
 */
import { findAddress } from './addresses.js';
import { isPath, isUuid, isVariablePiece } from './shapes.js';
import { maskValues } from './values.js';

// Character tests stay local to each scanner: hot loops call them per character.
/** A lookup table over ASCII: 1 for each character of `chars`. */
const charTable = (chars: string): Uint8Array => {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
};
const inTable = (table: Uint8Array, c: number): boolean => c < 128 && table[c] === 1;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** The wildcard that stands for a variable in a template. */
export const WILDCARD = '<*>';

/** Delimiters that end a path-like segment and a piece. */
const PATH_DELIMS = charTable(',!;:=|"\'[](){}');
const CLOSERS = ')]}"\'';
/** Delimiters that end a piece only. */
const PIECE_DELIMS = charTable('.-+@#$%&/');

/** Appends a wildcard to `out`, collapsing `<*>.<*>` and `<*><*>` as it goes. */
function pushWildcard(out: string): string {
  if (out.endsWith(WILDCARD)) return out;
  if (out.endsWith('<*>.')) return out.slice(0, -1);
  return out + WILDCARD;
}

/** Masks the pieces of `s[start, end)` (a piece free of path delimiters) and appends them to `out`. */
function maskSegment(s: string, start: number, end: number, out: string): string {
  if (isPath(s, start, end) || isUuid(s, start, end)) return pushWildcard(out);
  // A sign that opens the segment belongs to the number after it: `-5` and `+3` are one value.
  const signed =
    (s.charCodeAt(start) === 45 || s.charCodeAt(start) === 43) &&
    isDigit(s.charCodeAt(start + 1)) &&
    (start === 0 || !CLOSERS.includes(s[start - 1] as string)); // `]-3` is a separator and a number
  let pieceStart = signed ? start + 1 : start;
  for (let i = pieceStart; i <= end; i++) {
    const c = i < end ? s.charCodeAt(i) : -1;
    if (c !== -1 && !inTable(PIECE_DELIMS, c)) continue;
    if (pieceStart < i) {
      const variable = isVariablePiece(s, pieceStart, i);
      if (signed && pieceStart === start + 1 && !variable) out += s[start];
      out = variable ? pushWildcard(out) : out + s.slice(pieceStart, i);
    }
    if (c !== -1) out += s[i];
    pieceStart = i + 1;
  }
  return out;
}

/**
 * Masks the variable pieces of one token (no whitespace inside): `pid=2227,` gives `pid=<*>,`,
 * `10.0.0.1:80` and `https://x.org/a` give `<*>`, `took 12ms` keeps `took` and masks `12ms`.
 */
export function maskToken(token: string): string {
  const scheme = token.indexOf('://');
  if (scheme > 0) return maskUrl(token, scheme);
  const address = findAddress(token);
  if (address) {
    const [start, end] = address;
    const head = start > 0 ? maskPlain(token.slice(0, start)) : '';
    const tail = end < token.length ? maskToken(token.slice(end)) : '';
    return head.endsWith(WILDCARD) && tail.startsWith(WILDCARD)
      ? head + tail.slice(3)
      : pushWildcard(head) + tail;
  }
  return maskPlain(token);
}

/** Masks a token that holds no URL or address. */
function maskPlain(token: string): string {
  let out = '';
  let segStart = 0;
  const end = token.length;
  for (let i = 0; i <= end; i++) {
    const c = i < end ? token.charCodeAt(i) : -1;
    if (c !== -1 && !inTable(PATH_DELIMS, c)) continue;
    if (segStart < i) out = maskSegment(token, segStart, i, out);
    if (c !== -1) out += token[i];
    segStart = i + 1;
  }
  return out.includes('=') && out.includes(WILDCARD) ? maskValues(out) : out;
}

/** `scheme://rest` keeps what precedes the scheme (`url=`, `"`) and masks the URL itself. */
function maskUrl(token: string, scheme: number): string {
  let start = scheme;
  while (start > 0 && isLetter(token.charCodeAt(start - 1))) start--;
  let end = token.length;
  while (end > scheme + 3 && inTable(PATH_DELIMS, token.charCodeAt(end - 1))) end--;
  const head = start > 0 ? maskToken(token.slice(0, start)) : '';
  return pushWildcard(head) + token.slice(end);
}
