/**
 * Hidden content in document text: HTML/Markdown comments (and what HTML hid, which ingest keeps
 * as comments), zero-width and bidirectional controls, and Unicode tag characters that smuggle
 * ASCII invisibly.
 */

const COMMENT = /<!--([\s\S]*?)(?:-->|$)/g;
const TAG_RUN = /[\u{E0000}-\u{E007F}]+/gu;
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u180E\u00AD]/g;

export interface StrippedText {
  text: string;
  /** How many hidden pieces were removed: comments, runs of tag characters, invisible characters. */
  removed: number;
}

/** Removes everything a reader would not see (what the guarded agent does). */
export function stripHidden(text: string): StrippedText {
  let removed = 0;
  const count = () => {
    removed++;
    return ' ';
  };
  const visible = text.replace(COMMENT, count).replace(TAG_RUN, () => {
    removed++;
    return '';
  });
  const clean = visible.replace(INVISIBLE, () => {
    removed++;
    return '';
  });
  return { text: clean.replace(/[ \t]{2,}/g, ' ').trim(), removed };
}

/**
 * Makes hidden content readable (what the naive agent does): comment markers go and their text
 * stays, Unicode tags decode to the ASCII they encode, zero-width characters go.
 */
export function revealHidden(text: string): string {
  return text
    .replace(COMMENT, (_whole, inner: string) => ` ${inner.trim()}. `)
    .replace(TAG_RUN, (run) => {
      const ascii = [...run]
        .map((char) => (char.codePointAt(0) ?? 0) - 0xe0000)
        .filter((c) => c >= 0x20 && c <= 0x7e);
      return ` ${String.fromCharCode(...ascii)} `;
    })
    .replace(INVISIBLE, '');
}
