import type { RawMatch, SecretDetector, SecretRule } from '../types.js';

const privateKey: SecretRule = {
  id: 'private-key',
  title: 'Private key',
  description: 'A PEM-encoded private key (RSA, EC, DSA, OpenSSH, PGP or PKCS#8).',
  remediation: 'Treat the key as compromised: revoke or replace it wherever it is trusted, then remove it.',
  severity: 'critical',
  specificity: 'structural',
};

const BLOCK =
  /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----((?:\\[rn]|[\s\S]){0,16384}?)-----END \1PRIVATE KEY\2?-----/g;

/**
 * PEM private-key blocks with a real body (at least 64 base64 characters, so `...` placeholders in
 * docs are not flagged). The secret is the body; the finding points at the BEGIN line.
 */
export const privateKeyDetector: SecretDetector = {
  id: 'private-key',
  rules: [privateKey],
  detect(text: string): RawMatch[] {
    const matches: RawMatch[] = [];
    BLOCK.lastIndex = 0;
    for (const m of text.matchAll(BLOCK)) {
      const body = m[3] ?? '';
      const base64 = body.replace(/\\[rn]|[^A-Za-z0-9+/=]/g, '');
      if (base64.length < 64) continue;
      const at = m.index;
      const start = at + m[0].indexOf('-----', 5) + 5;
      matches.push({ ruleId: privateKey.id, start, end: start + body.length, at });
    }
    return matches;
  },
};
