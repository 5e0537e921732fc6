// Character tests stay local to each scanner: hot loops call them per character.
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isHexLetter = (c: number): boolean => (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** Words that stand for a value wherever they appear (compared case-insensitively). */
const WORD_VALUES = new Set(['true', 'false', 'null', 'none', 'nil', 'undefined', 'root', 'admin']);

/** Units after a number (`12ms`, `3 s`, `10GB`): the value may change unit from line to line. */
// biome-ignore format: a table reads better in rows
export const UNITS: ReadonlySet<string> = new Set([
  'ns', 'us', 'ms', 's', 'sec', 'secs', 'm', 'min', 'mins', 'h', 'hr', 'hrs', 'd', 'x',
  'b', 'k', 'kb', 'kib', 'mb', 'mib', 'g', 'gb', 'gib', 't', 'tb', 'tib', 'bytes', 'px', 'th', 'st', 'nd', 'rd',
]);

/**
 * Whether a delimiter-free piece `s[start, end)` is a variable: a number; a number with a unit
 * (`5s`); an id mixing letters and digits (`node246`, `blk_38`, `0x1f`, `9f4ef63`); a boolean or
 * null-like word. A word with one digit (`en0`, `IPv6`, `u0`) reads as a name and stays.
 */
export function isVariablePiece(s: string, start: number, end: number): boolean {
  const length = end - start;
  if (length <= 0) return false;
  let digits = 0;
  let hexLetters = 0;
  let letters = 0;
  let firstLetter = -1;
  let numberedPart = false; // `_` followed by a digit, as in `rdd_4` or `broadcast_9`
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      digits++;
      if (i > start && s.charCodeAt(i - 1) === 95) numberedPart = true;
    } else if (isLetter(c)) {
      letters++;
      if (isHexLetter(c)) hexLetters++;
      if (firstLetter < 0) firstLetter = i;
    } else if (c !== 95) return false; // `_` joins words; anything else (non-ASCII, `\`) is not a value
  }
  if (digits === length) return true;
  if (digits === 0) return length <= 9 && isValueWord(s.slice(start, end));
  if (letters === 0 || digits > 1 || numberedPart) return true;
  if (s.charCodeAt(start) === 48 && (s.charCodeAt(start + 1) | 32) === 120) return true; // 0x1
  if (hexLetters === letters && length >= 6) return true; // a short hash
  return firstLetter === start + 1 && UNITS.has(s.slice(firstLetter, end).toLowerCase()); // 5s
}

/** Whether a short word (at most 9 letters) is one of the value words (`true`, `null`, ...). */
export function isValueWord(word: string): boolean {
  if (word.length < 3 || word.length > 9 || !VALUE_INITIALS.includes(word.charCodeAt(0) | 32)) return false;
  return WORD_VALUES.has(word.toLowerCase());
}
const VALUE_INITIALS = [...WORD_VALUES].map((word) => word.charCodeAt(0));

/** Whether `s[start, end)` is a path like `/var/log/x` (slash-led segments, none empty). */
export function isPath(s: string, start: number, end: number): boolean {
  if (end - start < 2 || s.charCodeAt(start) !== 47 || s.charCodeAt(end - 1) === 47) return false;
  for (let i = start + 1; i < end; i++)
    if (s.charCodeAt(i) === 47 && s.charCodeAt(i - 1) === 47) return false;
  return true;
}

const UUID_GROUPS = [8, 4, 4, 4, 12];

/** Whether `s[start, end)` is a UUID: hex groups of 8-4-4-4-12 characters. */
export function isUuid(s: string, start: number, end: number): boolean {
  if (end - start !== 36) return false;
  let at = start;
  for (const size of UUID_GROUPS) {
    for (let i = at; i < at + size; i++) if (!isHex(s.charCodeAt(i))) return false;
    at += size;
    if (at < end && s.charCodeAt(at++) !== 45) return false;
  }
  return true;
}
