/** Shannon entropy of a string in bits per character (0 for ''). */
export function shannonEntropy(text: string): number {
  if (text === '') return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const length = [...text].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** The alphabet a candidate token is drawn from. */
export type TokenAlphabet = 'hex' | 'base64' | 'other';

export function tokenAlphabet(token: string): TokenAlphabet {
  if (/^[0-9a-fA-F]+$/.test(token)) return 'hex';
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(token)) return 'base64';
  return 'other';
}

/** Minimum length of a hex token worth judging (a 128-bit key). */
export const HEX_MIN_LENGTH = 32;
/** Minimum length of a base64 token worth judging. */
export const BASE64_MIN_LENGTH = 20;

/**
 * The entropy a random token of this alphabet and length clears with high probability. A string of
 * n characters cannot exceed log2(n) bits, so short tokens get a lower bar: 85% of that ceiling,
 * capped at 4.3 bits for base64 (random base64 of 40+ chars scores ~4.9) and 3.3 for hex (max 4).
 */
export function entropyThreshold(alphabet: 'hex' | 'base64', length: number): number {
  const ceiling = 0.85 * Math.log2(length);
  return alphabet === 'hex' ? Math.min(3.3, ceiling) : Math.min(4.3, ceiling);
}

/**
 * True when `token` looks random enough to be a key: long enough for its alphabet, mixed character
 * classes, no long run of lowercase letters (camelCase words), and entropy over the threshold.
 */
export function isHighEntropyToken(token: string): boolean {
  const alphabet = tokenAlphabet(token);
  if (alphabet === 'other') return false;
  if (alphabet === 'hex') {
    if (token.length < HEX_MIN_LENGTH || !/\d/.test(token) || !/[a-f]/i.test(token)) return false;
    return shannonEntropy(token) >= entropyThreshold('hex', token.length);
  }
  if (token.length < BASE64_MIN_LENGTH) return false;
  if (!/[A-Z]/.test(token) || !/[a-z]/.test(token) || !/\d/.test(token)) return false;
  if (/[a-z]{7,}/.test(token)) return false;
  return shannonEntropy(token) >= entropyThreshold('base64', token.length);
}
