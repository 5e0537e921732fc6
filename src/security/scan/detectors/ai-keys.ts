import { shannonEntropy } from '../entropy.js';
import { patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const anthropic: SecretRule = {
  id: 'anthropic-api-key',
  title: 'Anthropic API key',
  description: 'An Anthropic API key (sk-ant-…).',
  remediation: 'Delete the key in the Anthropic console and create a new one kept in a secret store.',
  severity: 'high',
  specificity: 'provider',
};

const openai: SecretRule = {
  id: 'openai-api-key',
  title: 'OpenAI-style API key',
  description: 'An OpenAI-style API key (sk-…, sk-proj-…), also used by many compatible providers.',
  remediation: "Revoke the key in the provider's dashboard and create a new one kept in a secret store.",
  severity: 'high',
  specificity: 'provider',
};

/** Keys with letters and digits mixed and some randomness: `sk-some-descriptive-name` is not one. */
function looksRandom(secret: string): boolean {
  const body = secret.replace(/^sk-(?:proj-|svcacct-|admin-)?/, '');
  return /\d/.test(body) && /[A-Za-z]/.test(body) && shannonEntropy(body) >= 3.5;
}

/** Anthropic keys and OpenAI-style `sk-` keys. */
export const aiKeysDetector = patternDetector('ai-keys', [
  { rule: anthropic, pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/ },
  {
    rule: openai,
    pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/,
    accept: looksRandom,
  },
]);
