import { describe, expect, it } from 'vitest';
import { redactObject, redactSecrets, redactText, SECRET_KEY_PATTERN } from './redact.js';
import { configSchema } from './schema.js';

describe('redactSecrets', () => {
  it('replaces every secret that is set and leaves the input untouched', () => {
    const config = configSchema.parse({
      store: { url: 'postgres://cara:pw@db/cara' },
      llm: { provider: 'openai', apiKey: 'sk-live' },
    });
    const redacted = redactSecrets(config);
    expect(redacted.store).toEqual({ path: '.cara/cara.db', url: '[redacted]' });
    expect(redacted.llm).toEqual({ provider: 'openai', apiKey: '[redacted]' });
    expect(redacted.notifications).toEqual({});
    expect(config.llm.apiKey).toBe('sk-live');
  });

  it('copes with partial configs', () => {
    expect(redactSecrets({ llm: 'odd' })).toEqual({ llm: 'odd' });
  });
});

describe('redactText', () => {
  it('removes a postgres URL and its password wherever they appear', () => {
    const url = 'postgres://cara:s3cr%40t@db.internal:5432/cara';
    const text = `connect ${url} failed: password authentication failed (s3cr@t)`;
    expect(redactText(text, [url])).toBe(
      'connect [redacted] failed: password authentication failed ([redacted])',
    );
  });

  it('removes the password of any URL in the text, even an unknown one', () => {
    expect(redactText('dial postgresql://u:hunter2@h/db', [])).toBe('dial postgresql://u:[redacted]@h/db');
    expect(redactText('see https://example.org/a@b', [])).toBe('see https://example.org/a@b');
  });

  it('replaces plain secret values, longest first, and ignores empty ones', () => {
    expect(redactText('key sk-abc and sk-abcdef', ['sk-abc', 'sk-abcdef', ''])).toBe(
      'key [redacted] and [redacted]',
    );
    expect(redactText('a.b*c', ['.b*'])).toBe('a[redacted]c');
  });
});

describe('redactObject', () => {
  it('redacts secret-looking keys at any depth, keeps ordinary data', () => {
    const details = {
      user: 'ana',
      headers: { Authorization: 'Bearer x', 'x-api-key': 'k' },
      steps: [{ db: { password: 'p', host: 'h' } }, { accessToken: 't', maxTokens: 512 }],
      clientSecret: 's',
      dsnUrl: 'postgres://u:pw@h/db',
      empty: { token: null },
    };
    expect(redactObject(details)).toEqual({
      user: 'ana',
      headers: { Authorization: '[redacted]', 'x-api-key': '[redacted]' },
      steps: [{ db: { password: '[redacted]', host: 'h' } }, { accessToken: '[redacted]', maxTokens: 512 }],
      clientSecret: '[redacted]',
      dsnUrl: 'postgres://u:[redacted]@h/db',
      empty: { token: null },
    });
    expect(details.headers.Authorization).toBe('Bearer x');
  });

  it('survives cycles', () => {
    const node: Record<string, unknown> = { secret: 'x' };
    node.self = node;
    const copy = redactObject(node) as Record<string, unknown>;
    expect(copy.secret).toBe('[redacted]');
    expect(copy.self).toBe(copy);
  });

  it.each([
    'password',
    'db_password',
    'apiKey',
    'api_key',
    'secrets',
    'refreshToken',
    'authorization',
    'cookie',
  ])('treats %s as secret', (key) => expect(SECRET_KEY_PATTERN.test(key)).toBe(true));

  it.each(['maxTokens', 'tokenCount', 'author', 'keyId', 'signingKeyPath'])('keeps %s', (key) =>
    expect(SECRET_KEY_PATTERN.test(key)).toBe(false),
  );
});

describe('secrets inside named entries', () => {
  it('redacts the canary of every configured red-team target', () => {
    const config = configSchema.parse({
      redteam: {
        targets: {
          staging: { url: 'http://127.0.0.1:8080', canary: 'CANARY-1234' },
          prod: { url: 'http://127.0.0.1:8081' },
        },
      },
    });
    const redacted = redactSecrets(config);
    expect(redacted.redteam.targets.staging?.canary).toBe('[redacted]');
    expect(redacted.redteam.targets.prod?.canary).toBeUndefined();
    expect(config.redteam.targets.staging?.canary).toBe('CANARY-1234');
  });
});
