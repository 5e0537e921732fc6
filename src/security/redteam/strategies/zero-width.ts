import { mapUnprotected, type Strategy } from './strategy.js';

const ZWSP = '\u200b';

/** Every word split by zero-width spaces: invisible to readers, opaque to keyword filters. */
export const zeroWidth: Strategy = {
  id: 'zero-width',
  description: 'words split with zero-width spaces',
  encode: (payload) => mapUnprotected(payload, (part) => part.replace(/(\p{L})(?=\p{L})/gu, `$1${ZWSP}`)),
  decode: (text) => text.replaceAll(ZWSP, ''),
  frame: (encoded) => encoded,
};
