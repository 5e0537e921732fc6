import { patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const accessKeyId: SecretRule = {
  id: 'aws-access-key-id',
  title: 'AWS access key ID',
  description: 'An AWS access key ID (AKIA/ASIA…), half of an AWS credential pair.',
  remediation: 'Deactivate the key in IAM, rotate it, and load credentials from the environment or a role.',
  severity: 'high',
  specificity: 'provider',
};

const secretAccessKey: SecretRule = {
  id: 'aws-secret-access-key',
  title: 'AWS secret access key',
  description: 'A 40-character AWS secret access key assigned to an aws…secret name.',
  remediation: 'Deactivate the key pair in IAM, rotate it, and use a role or a secret store instead.',
  severity: 'critical',
  specificity: 'provider',
};

/** AWS access key ids and secret access keys (the secret only next to an `aws…secret` name). */
export const awsDetector = patternDetector('aws', [
  { rule: accessKeyId, pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[A-Z2-7]{16}\b/ },
  {
    rule: secretAccessKey,
    pattern:
      /aws[\w.-]{0,24}?secret[\w.-]{0,24}?["']?\s*[:=]{1,2}>?\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    group: 1,
    accept: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s),
  },
]);
