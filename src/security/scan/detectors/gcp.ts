import { patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const serviceAccount: SecretRule = {
  id: 'gcp-service-account-key',
  title: 'GCP service-account key file',
  description: 'A Google Cloud service-account JSON key ("type": "service_account" with a private_key).',
  remediation: 'Delete the key in IAM (Service accounts > Keys) and use workload identity or a secret store.',
  severity: 'critical',
  specificity: 'provider',
};

const apiKey: SecretRule = {
  id: 'gcp-api-key',
  title: 'Google API key',
  description: 'A Google Cloud / Firebase API key (AIza…).',
  remediation:
    'Restrict or delete the key in the Cloud console (APIs & Services > Credentials) and rotate it.',
  severity: 'high',
  specificity: 'provider',
};

/** Google service-account key files (the private_key value) and API keys. */
export const gcpDetector = patternDetector('gcp', [
  {
    rule: serviceAccount,
    pattern: /"private_key"\s*:\s*"(-----BEGIN[^"]{40,}?-----END [A-Z ]*PRIVATE KEY-----(?:\\n)?)"/,
    group: 1,
    accept: (_s, text) => /"type"\s*:\s*"service_account"/.test(text),
  },
  { rule: apiKey, pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
]);
