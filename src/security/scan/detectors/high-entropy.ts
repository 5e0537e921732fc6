import { isHighEntropyToken, tokenAlphabet } from '../entropy.js';
import type { RawMatch, SecretDetector, SecretRule } from '../types.js';

const highEntropy: SecretRule = {
  id: 'high-entropy-string',
  title: 'High-entropy string',
  description: 'A quoted or assigned base64/hex string random enough to be a key or token.',
  remediation:
    'If it is a credential, rotate it and load it from a secret store; if not, allowlist its fingerprint.',
  severity: 'low',
  specificity: 'entropy',
};

const TOKEN = /[A-Za-z0-9+/_=-]{20,}/g;
const OPENERS = new Set(['"', "'", '`', '=', ':']);
const CLOSERS = /^(?:$|["'`\s,;)}\]])/;
/** Hex is everywhere (hashes, commit ids): a hex token counts only on a line that names a secret. */
const SECRET_WORD = /key|secret|token|pass|auth|cred|sign|private/i;

/**
 * Random-looking quoted or assigned values (see `isHighEntropyToken` for the thresholds). URLs,
 * paths and identifiers fail the character-class and entropy checks.
 */
export const highEntropyDetector: SecretDetector = {
  id: 'high-entropy',
  rules: [highEntropy],
  detect(text: string): RawMatch[] {
    const matches: RawMatch[] = [];
    TOKEN.lastIndex = 0;
    for (const m of text.matchAll(TOKEN)) {
      const start = m.index;
      const end = start + m[0].length;
      const opener = /(\S)\s*$/.exec(text.slice(Math.max(0, start - 8), start))?.[1];
      if (opener === undefined || !OPENERS.has(opener) || !CLOSERS.test(text.slice(end, end + 1))) continue;
      if (!isHighEntropyToken(m[0]) || looksLikeSlug(m[0])) continue;
      if (tokenAlphabet(m[0]) === 'hex') {
        const lineStart = text.lastIndexOf('\n', start) + 1;
        if (!SECRET_WORD.test(text.slice(lineStart, start))) continue;
      }
      matches.push({ ruleId: highEntropy.id, start, end });
    }
    return matches;
  },
};

/**
 * Names built from words with a short random part (`cara-checks-empty-Xq3vZk`, a temp folder or
 * project name) are identifiers, not keys: at least two all-lowercase words of three or more
 * letters that make up half of the token. Random base64url almost never has that shape.
 */
export function looksLikeSlug(token: string): boolean {
  const words = token.split(/[-_]/).filter((part) => /^[a-z]{3,}$/.test(part));
  return words.length >= 2 && words.join('').length * 2 >= token.length;
}
