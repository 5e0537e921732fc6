import { foldHomoglyphs } from './homoglyphs.js';

/** Characters kept from the start of long input; with {@link TAIL_CHARS} this bounds the work per prompt. */
export const HEAD_CHARS = 8_000;
/** Characters kept from the end of long input, where appended instructions usually sit. */
export const TAIL_CHARS = 2_000;
const MAX_BLOBS = 4;
const MIN_BLOB = 16;

/** What normalisation found and undid; the rules turn these into reasons. */
export interface Obfuscation {
  zeroWidth: number;
  /** Text smuggled in Unicode tag characters (U+E0000–E007F), decoded. */
  tagText: string;
  /** Words that mixed Latin with look-alike Cyrillic or Greek letters. */
  homoglyphWords: number;
  /** Printable text decoded from base64 blobs. */
  decoded: string[];
  truncated: boolean;
}

export interface NormalizedText {
  /** Lower-cased, whitespace-collapsed text with hidden and encoded payloads made visible. */
  text: string;
  obfuscation: Obfuscation;
}

const ZERO_WIDTH = new Set([
  0x00ad, 0x034f, 0x061c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f,
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068,
  0x2069, 0x3164, 0xfeff, 0xffa0,
]);

/** Whether the text holds any character {@link revealHidden} handles: the fast path skips the rest. */
function hasHidden(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xad) continue;
    // 0xdb40 is the high surrogate of every tag character (U+E0000–E007F).
    if (code === 0xdb40 || ZERO_WIDTH.has(code) || (code >= 0xfe00 && code <= 0xfe0f)) return true;
  }
  return false;
}

/** Splits out Unicode tag characters (decoded to ASCII) and drops zero-width and bidi controls. */
function revealHidden(text: string): { visible: string; zeroWidth: number; tagText: string } {
  let zeroWidth = 0;
  let tagText = '';
  let visible = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xe0000 && cp <= 0xe007f) {
      if (cp >= 0xe0020 && cp <= 0xe007e) tagText += String.fromCharCode(cp - 0xe0000);
    } else if (ZERO_WIDTH.has(cp) || (cp >= 0xfe00 && cp <= 0xfe0f)) zeroWidth++;
    else visible += ch;
  }
  return { visible, zeroWidth, tagText };
}

/** Keeps the first {@link HEAD_CHARS} and last {@link TAIL_CHARS} characters of long input. */
export function capLength(text: string): string {
  if (text.length <= HEAD_CHARS + TAIL_CHARS) return text;
  return `${text.slice(0, HEAD_CHARS)}\n${text.slice(text.length - TAIL_CHARS)}`;
}

/**
 * Normalises a prompt so obfuscated attacks look like plain ones: caps the length, decodes Unicode
 * tag characters, strips zero-width and bidi controls, applies NFKC, folds homoglyphs, appends
 * decoded base64 payloads, lower-cases and collapses whitespace. Linear in the (capped) length.
 */
export function normalizeText(input: string): NormalizedText {
  const capped = capLength(input);
  const hidden = hasHidden(capped) ? revealHidden(capped) : { visible: capped, zeroWidth: 0, tagText: '' };
  const { zeroWidth, tagText } = hidden;
  const nfkc = hidden.visible.normalize('NFKC');
  const folded = foldHomoglyphs(nfkc);
  const decoded = decodeBase64Blobs(folded.text);
  const parts = [folded.text, tagText, ...decoded];
  const text = parts
    .filter((part) => part !== '')
    .join('\n')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  return {
    text,
    obfuscation: {
      zeroWidth,
      tagText,
      homoglyphWords: folded.mixedWords,
      decoded,
      truncated: capped.length !== input.length,
    },
  };
}

/** Printable text hidden in base64 runs of at least 16 characters (at most four of them). */
export function decodeBase64Blobs(text: string): string[] {
  const found: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (isBase64Char(code)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start >= MIN_BLOB) {
      const plain = decodePrintable(text.slice(start, i));
      if (plain !== undefined) found.push(plain);
      if (found.length >= MAX_BLOBS) break;
    }
    start = -1;
  }
  return found;
}

function isBase64Char(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 47 ||
    code === 61
  );
}

/** The decoded blob when it is mostly printable text with spaces (a sentence), else undefined. */
function decodePrintable(blob: string): string | undefined {
  // A plain word run (no digits, no mixed case) is far more likely text than base64.
  if (!/[0-9+/]/.test(blob) && !/[a-z][A-Z]|[A-Z][a-z]+[A-Z]/.test(blob)) return undefined;
  const bytes = Buffer.from(blob, 'base64');
  if (bytes.length < 8) return undefined;
  let printable = 0;
  let spaces = 0;
  for (const byte of bytes) {
    if ((byte >= 32 && byte < 127) || byte === 10 || byte === 9) printable++;
    if (byte === 32) spaces++;
  }
  if (printable / bytes.length < 0.95 || spaces === 0) return undefined;
  return bytes.toString('latin1');
}
