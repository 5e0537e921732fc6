import type { Strategy } from './strategy.js';

const TAG_BASE = 0xe0000;

/** ASCII smuggled as invisible Unicode tag characters after a harmless visible sentence. */
export const unicodeTags: Strategy = {
  id: 'unicode-tags',
  description: 'instruction hidden in invisible Unicode tag characters (U+E0020-U+E007E)',
  encode: (payload) =>
    [...payload]
      .map((char) => {
        const code = char.codePointAt(0) ?? 0;
        return code >= 0x20 && code <= 0x7e ? String.fromCodePoint(TAG_BASE + code) : char;
      })
      .join(''),
  decode: (text) =>
    [...text]
      .map((char) => {
        const code = char.codePointAt(0) ?? 0;
        return code > TAG_BASE && code <= TAG_BASE + 0x7e ? String.fromCharCode(code - TAG_BASE) : char;
      })
      .join(''),
  frame: (encoded) => `See the attached summary.${encoded}`,
};
