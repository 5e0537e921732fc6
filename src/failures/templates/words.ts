/**
 * The constant skeleton of a masked line. Words (`Terminating`, `(Lifecycle`, `instance:`) are
 * almost never variables in log templates while values carry digits or symbols, so two lines that
 * differ in a word belong to different templates: the skeleton keeps words and the leading name of
 * other tokens (`num=` of `num=<*>,flags=<*>`) and puts a placeholder for the rest. Lines are only
 * compared with templates of the same skeleton, which is also what keeps the miner fast.
 */
import { WILDCARD } from './mask.js';
import { UNITS } from './shapes.js';

// Character tests stay local to each scanner: hot loops call them per character.
/** A lookup table over ASCII: 1 for each character of `chars`. */
const charTable = (chars: string): Uint8Array => {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
};
const inTable = (table: Uint8Array, c: number): boolean => c < 128 && table[c] === 1;
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** What may wrap a word: `(Lifecycle`, `"GET`, `*done`. */
const OPENERS = charTable('([{<"\'`*#');
/** What may join the letters of a word: `load/store`, `com.apple.x`, `non-unique`, `LOAD_MESSAGE`. */
const INNER = charTable('._-/');
/** What may end the leading name of a token: `num=`, `action:`, `dcbf.`. */
const NAME_ENDS = charTable('=:.');

/** Whether a masked token reads as a word: letters joined by `._-/`, maybe wrapped in punctuation. */
export function isWordLike(token: string): boolean {
  if (token.includes(WILDCARD)) return false;
  let start = 0;
  let end = token.length;
  while (start < end && inTable(OPENERS, token.charCodeAt(start))) start++;
  while (end > start && !isLetter(token.charCodeAt(end - 1)) && token.charCodeAt(end - 1) !== 47) end--;
  if (start === end || !isLetter(token.charCodeAt(start))) return false;
  for (let i = start; i < end; i++) {
    const c = token.charCodeAt(i);
    if (!isLetter(c) && !inTable(INNER, c)) return false;
  }
  return true;
}

/**
 * The leading name of a token with the delimiter after it (`num=` in `num=<*>,flags=<*>`), or ''.
 * Tokens with different names never merge, and merging keeps the name.
 */
export function nameOf(token: string): string {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (isLetter(c) || c === 95) continue;
    return i > 0 && inTable(NAME_ENDS, c) ? token.slice(0, i + 1) : '';
  }
  return '';
}

/** A unit (`KB`, `ms,`) right after a value: the unit may change with the value (`12 KB`, `3 MB`). */
function isUnitAfterValue(previous: string | undefined, token: string): boolean {
  if (previous === undefined || !previous.endsWith(WILDCARD)) return false;
  let end = token.length;
  while (end > 0 && !isLetter(token.charCodeAt(end - 1))) end--;
  return UNITS.has(token.slice(0, end).toLowerCase());
}

/** The skeleton part of a value position: what a word becomes once it turns out to vary. */
export const VALUE_PART = '\u0002\u0001';

/** The skeleton of masked tokens, one part per token: words in place, names of other tokens, placeholders. */
export function skeletonParts(tokens: readonly string[]): string[] {
  const parts: string[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (!isWordLike(token)) parts[i] = `\u0002${nameOf(token)}\u0001`;
    else if (isUnitAfterValue(tokens[i - 1], token)) parts[i] = VALUE_PART;
    else parts[i] = `${token}\u0001`;
  }
  return parts;
}

/** The skeleton key of masked tokens: lines are only compared with templates of the same key. */
export function skeleton(tokens: readonly string[]): string {
  return skeletonParts(tokens).join('');
}

/** Lines longer than this many tokens are not checked for a varying word (the check is quadratic). */
const VARIANT_TOKENS = 48;
/** A word may turn out to vary only when at least this many other words stay: short lines vary in words by nature. */
export const MIN_WORDS = 3;

/** The skeleton of a masked line: its key, one part per token, and its word variants on demand. */
export class Shape {
  readonly key: string;
  private computed = false;
  private cached: (string | undefined)[] | undefined;

  constructor(readonly parts: readonly string[]) {
    this.key = parts.join('');
  }

  /**
   * For each word position, the key with that word turned into a value (undefined elsewhere):
   * templates that share such a key differ in exactly that word. Undefined when the line is too
   * long or has too few words for a word to count as varying. Computed on first use.
   */
  get variants(): (string | undefined)[] | undefined {
    if (!this.computed) {
      this.computed = true;
      this.cached = wordVariants(this.parts, this.key);
    }
    return this.cached;
  }
}

function wordVariants(parts: readonly string[], key: string): (string | undefined)[] | undefined {
  if (parts.length > VARIANT_TOKENS) return undefined;
  let words = 0;
  for (const part of parts) if (part.charCodeAt(0) !== 2) words++;
  if (words <= MIN_WORDS) return undefined;
  const variants: (string | undefined)[] = new Array(parts.length);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part.charCodeAt(0) !== 2) variants[i] = key.slice(0, at) + VALUE_PART + key.slice(at + part.length);
    at += part.length;
  }
  return variants;
}

/** The {@link Shape} of masked tokens. */
export function shapeOf(tokens: readonly string[]): Shape {
  return new Shape(skeletonParts(tokens));
}
