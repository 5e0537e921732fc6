import { describe, expect, it } from 'vitest';
import { configSchema, keysAt, secretPaths } from './schema.js';

describe('configSchema', () => {
  it('yields a complete config from an empty object', () => {
    expect(configSchema.parse({})).toEqual({
      version: 1,
      project: {},
      store: { path: '.cara/cara.db' },
      audit: { environment: 'development', signingKey: '.cara/signing-key.pem' },
      risk: { bands: { medium: 0.3, high: 0.6 } },
      test: { widenAfterFailure: 'closure', impactRefreshPerRun: 10 },
      llm: { provider: 'none' },
      notifications: {},
      deploy: { services: {}, approvers: [], allowSelfApproval: false },
      redteam: { targets: {} },
      retention: { auditMinimumDays: 90, policies: [], legalHolds: [], archiveDir: '.cara/archive' },
    });
  });

  it('rejects unknown keys at every depth', () => {
    const result = configSchema.safeParse({ extra: 1, risk: { bands: { low: 0.1 } } });
    expect(result.error?.issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([
      ['unrecognized_keys', 'risk.bands'],
      ['unrecognized_keys', ''],
    ]);
  });
});

describe('secretPaths', () => {
  it('finds every field marked secret in the schema', () => {
    expect(secretPaths()).toEqual([
      ['store', 'url'],
      ['llm', 'apiKey'],
      ['notifications', 'slackWebhookUrl'],
      ['redteam', 'targets', '*', 'canary'],
    ]);
  });
});

describe('keysAt', () => {
  it('lists the keys of the mapping at a path, through defaults and refinements', () => {
    expect(keysAt(['risk', 'bands'])).toEqual(['medium', 'high']);
    expect(keysAt(['audit'])).toEqual(['origin', 'environment', 'signingKey', 'externalCheckpointDir']);
    expect(keysAt(['audit', 'environment'])).toEqual([]);
    expect(keysAt(['nope'])).toEqual([]);
  });
});
