import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan-text.js';
import { looksLikeSlug } from './high-entropy.js';
import { hasJwtHeader } from './jwt.js';

/** Fake secrets are assembled at run time so this file holds no secret-shaped literal. */
const j = (...parts: string[]) => parts.join('');
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const rules = (text: string, path = 'src/app.ts') => scanText(text, { path }).findings.map((f) => f.ruleId);

const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
  format: 'pem',
  type: 'pkcs8',
}) as string;
const jwt = j(
  b64url({ alg: 'HS256', typ: 'JWT' }),
  '.',
  b64url({ sub: '1234567890', name: 'Ada' }),
  '.',
  'Sf1KxwRJSMeKKF2QT4fwpMeJf36POk6yJV',
);

/** [rule, text that must be found, near miss that must not be]. */
const cases: [string, string, string][] = [
  ['aws-access-key-id', j('key = ', 'AKIA', 'Z7Q2HXWJ4MRT6PLK'), j('key = ', 'AKIA', 'Z7Q2HXWJ4MRT6PL')],
  [
    'aws-secret-access-key',
    j('aws_secret_access_key = "', 'wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYz9Xq3Lm2Tb', '"'),
    j('aws_region = "', 'wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYz9Xq3Lm2Tb', '"'),
  ],
  [
    'gcp-service-account-key',
    JSON.stringify({ type: 'service_account', project_id: 'p', private_key: pem }, null, 2),
    JSON.stringify({ type: 'authorized_user', private_key_id: 'abc' }),
  ],
  [
    'gcp-api-key',
    j('const k = "', 'AIza', 'SyD4x9Q2mZ7-pL0vT3bN8cR5wE1yU6iO2aK', '"'),
    j('"', 'AIza', 'SyD4x9Q2"'),
  ],
  [
    'azure-storage-connection-string',
    j('DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=', 'Zm9vYmFyYmF6cXV4'.repeat(5), 'Ab3=='),
    'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=<your-key>',
  ],
  [
    'github-token',
    j('token: ', 'ghp', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'),
    j('ghp', '_', 'short123'),
  ],
  [
    'github-token',
    j('GH=', 'ghs', '_', 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2'),
    'ghx_Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2',
  ],
  [
    'github-fine-grained-pat',
    j(
      'github',
      '_pat_',
      '11ABCDEFG0123456789abc',
      '_',
      'Y7z8W9v0U1t2S3r4Q5p6O7n8M9l0K1j2I3h4G5f6g'.padEnd(59, 'q'),
    ),
    j('github', '_pat_', 'short'),
  ],
  ['gitlab-token', j('GITLAB=', 'glpat', '-', 'xY7zQ2wE9rT4uI1oP6aS'), j('glpat', '-', 'abc')],
  [
    'slack-token',
    j('SLACK=', 'xoxb', '-', '123456789012-1234567890123-', 'AbCdEfGhIjKlMnOpQrStUvWx'),
    'xoxb-example',
  ],
  [
    'slack-webhook-url',
    j('https://hooks.slack.com', '/services/', 'T01ABCDEF/B02GHIJKL/', 'aB3dE5gH7jK9mN1pQ3sT5vW7'),
    'https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/XXXX',
  ],
  [
    'stripe-live-key',
    j('STRIPE=', 'sk', '_live_', '4eC39HqLyjWDarjtT1zdp7dc'),
    j('pk', '_live_', '4eC39HqLyjWDarjtT1zdp7dc'),
  ],
  ['stripe-test-key', j('STRIPE=', 'sk', '_test_', '4eC39HqLyjWDarjtT1zdp7dc'), j('sk', '_test_', 'abc')],
  [
    'anthropic-api-key',
    j('ANTHROPIC=', 'sk-ant', '-api03-', 'Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Ji0Hg9Fe8Dc7Ba6Zx5Yw4'),
    j('sk-ant', '-api03-', 'short'),
  ],
  [
    'openai-api-key',
    j('OPENAI=', 'sk', '-proj-', 'T3BlbkFJa8Zx9Yw7Vu6Ts5Rq4Po3Nm2Lk1Ji0Hg9F'),
    j('class = "', 'sk', '-some-descriptive-css-class-name-here-ok"'),
  ],
  [
    'npm-access-token',
    j('NPM=', 'npm', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'),
    j('npm', '_', 'install'),
  ],
  [
    'npmrc-auth-token',
    j('//registry.npmjs.org/:', '_authToken', '=', 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'),
    j('//registry.npmjs.org/:', '_authToken', '=', '$', '{NPM_TOKEN}'),
  ],
  ['private-key', pem, j('-----BEGIN RSA ', 'PRIVATE KEY-----\n...\n-----END RSA ', 'PRIVATE KEY-----')],
  [
    'jwt',
    j('Authorization: Bearer ', jwt),
    j('eyJ', 'notjson0000000.eyJ0000000000.', 'abcdefghijklmnopqrstu'),
  ],
  [
    'password-in-url',
    j('DATABASE_URL=postgres://app:', 'S3cr3tPa55', '@db.internal:5432/app'),
    j('DATABASE_URL=postgres://app:$', '{DB_PASSWORD}@db.internal:5432/app'),
  ],
  ['generic-secret-assignment', j('db_password = "', 'Tr0ub4dor&3x', '"'), 'db_password = "changeme"'],
  ['generic-secret-assignment', j('"client_secret": "', 'q8Lm2Xv0Pn', '"'), '"token_type": "Bearer1234"'],
  [
    'high-entropy-string',
    j('const seed = "', 'q9Z3xLm0Pv7Rt2Wb8Ky4Nc6Hd1Fg5Js', '"'),
    'const label = "validationErrorMessageForUserInput"',
  ],
];

describe('secret detectors', () => {
  it.each(cases)('%s: finds the secret and ignores the near miss', (rule, positive, negative) => {
    expect(rules(positive)).toContain(rule);
    expect(rules(negative)).not.toContain(rule);
  });

  it('reports an AWS key inside a secret assignment once, as AWS', () => {
    expect(rules(j('secret = "', 'AKIA', 'Z7Q2HXWJ4MRT6PLK', '"'))).toEqual(['aws-access-key-id']);
  });

  it('hex strings count only on lines that name a secret', () => {
    const hex = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(rules(`const checksum = "${hex}"`)).toEqual([]);
    expect(rules(`const signingKey = "${hex}"`)).toEqual(['high-entropy-string']);
  });

  it('a JWT header must be JSON with an alg other than none', () => {
    expect(hasJwtHeader(jwt)).toBe(true);
    expect(hasJwtHeader(j(b64url({ alg: 'none' }), '.x.y'))).toBe(false);
    expect(hasJwtHeader(j(b64url({ typ: 'JWT' }), '.x.y'))).toBe(false);
  });
});

describe('high-entropy strings: word-built names', () => {
  it('does not take a temp-folder style name for a key, but still flags random tokens', () => {
    expect(looksLikeSlug('cara-checks-empty-Xq3vZk')).toBe(true);
    expect(looksLikeSlug('nepa-agent-demo-9fA2kQ')).toBe(true);
    expect(looksLikeSlug('Zm9vYmFyLWJhei1xdXV4LTEyMzQ1Njc4')).toBe(false);
    expect(looksLikeSlug('q8Xv-2LmT_9zKp-R4wYb7NcE')).toBe(false);
    const entropy = (text: string) =>
      scanText(text, { path: 'cara.config.yaml' }).findings.filter((f) => f.ruleId === 'high-entropy-string');
    expect(entropy('name: cara-checks-empty-Xq3vZk9R\n')).toEqual([]);
    expect(entropy('name: q8Xv2LmT9zKpR4wYb7NcEa3F\n')).toHaveLength(1);
  });
});
