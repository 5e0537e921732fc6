import { isPlaceholder, patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const urlPassword: SecretRule = {
  id: 'password-in-url',
  title: 'Password in URL',
  description: 'A URL with a literal password in its user-info part (scheme://user:password@host).',
  remediation: 'Change the password, and build the URL from an environment variable or a secret store.',
  severity: 'high',
  specificity: 'structural',
};

/** `scheme://user:password@host` with a literal password (not `${VAR}`, `<password>`, `***`...). */
export const urlPasswordDetector = patternDetector('url-password', [
  {
    rule: urlPassword,
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/?#@'"`]{1,64}:([^\s/?#@'"`]{3,128})@[\w.-]+/i,
    group: 1,
    accept: (secret) => !isPlaceholder(secret) && !/^(?:pass|pw|pwd|pass(?:word)?\d*)$/i.test(secret),
  },
]);
