import { substitution } from './strategy.js';

/** Latin letters swapped for identical-looking Cyrillic ones: the text reads the same, matches nothing. */
export const homoglyph = substitution('homoglyph', 'Latin letters replaced by Cyrillic homoglyphs', {
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  i: '\u0456',
  o: '\u043e',
  p: '\u0440',
  x: '\u0445',
  y: '\u0443',
});
