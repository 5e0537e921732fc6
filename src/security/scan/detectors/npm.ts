import { isPlaceholder, patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const accessToken: SecretRule = {
  id: 'npm-access-token',
  title: 'npm access token',
  description: 'An npm access token (npm_…): it can publish packages as its owner.',
  remediation: 'Revoke the token on npmjs.com (Access Tokens) and use a granular, expiring token in CI.',
  severity: 'critical',
  specificity: 'provider',
};

const npmrcAuth: SecretRule = {
  id: 'npmrc-auth-token',
  title: 'Registry auth token in .npmrc',
  description: 'A literal `_authToken` (or `_auth`/`_password`) value in an .npmrc line.',
  remediation: 'Revoke the token and have .npmrc read it from an environment variable such as NPM_TOKEN.',
  severity: 'high',
  specificity: 'provider',
};

/** npm tokens, and literal registry credentials in .npmrc lines. */
export const npmDetector = patternDetector('npm', [
  { rule: accessToken, pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  {
    rule: npmrcAuth,
    pattern: /^\s*(?:\/\/[^\s:]+\/?:)?_(?:authToken|auth|password)\s*=\s*["']?([^\s"']{8,})/m,
    group: 1,
    accept: (s) => !isPlaceholder(s) && !s.startsWith('npm_'),
  },
]);
