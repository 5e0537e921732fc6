import { patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const jwt: SecretRule = {
  id: 'jwt',
  title: 'JSON Web Token',
  description: 'A signed JWT (three base64url parts whose header is JSON naming an `alg`).',
  remediation:
    'Assume the bearer can act as the subject until it expires: revoke the session or rotate the signing key.',
  severity: 'medium',
  specificity: 'structural',
};

/** True when the first JWT segment decodes to a JSON object with a string `alg` other than `none`. */
export function hasJwtHeader(token: string): boolean {
  const header = token.split('.')[0] ?? '';
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return false;
    const alg = (parsed as { alg?: unknown }).alg;
    return typeof alg === 'string' && alg.toLowerCase() !== 'none';
  } catch {
    return false;
  }
}

/** Signed JSON Web Tokens. */
export const jwtDetector = patternDetector('jwt', [
  {
    rule: jwt,
    pattern: /\bey[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_.-])/,
    accept: hasJwtHeader,
  },
]);
