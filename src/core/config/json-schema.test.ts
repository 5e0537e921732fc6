import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_ID, configJsonSchema } from './json-schema.js';

const COMMITTED = new URL('../../../schema/cara.config.schema.json', import.meta.url);

interface PropertySchema {
  'x-secret'?: boolean;
  format?: string;
  properties?: Record<string, PropertySchema>;
  required?: string[];
  secret?: unknown;
}

describe('configJsonSchema', () => {
  it('matches the committed schema/cara.config.schema.json', async () => {
    const expected = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
    const committed = await readFile(COMMITTED, 'utf8').catch(() => '');
    expect(committed === expected, 'schema/cara.config.schema.json is stale: run `npm run schema`').toBe(
      true,
    );
  });

  it('describes the file people write: identified, nothing required, secrets marked', () => {
    const schema = configJsonSchema() as PropertySchema & Record<string, unknown>;
    expect(schema.$id).toBe(CONFIG_SCHEMA_ID);
    expect(schema.title).toBe('cara.config.yaml');
    expect(schema.required).toBeUndefined();
    expect(schema.properties?.store?.required).toBeUndefined();
    const store = schema.properties?.store?.properties;
    expect(store?.url?.['x-secret']).toBe(true);
    expect(store?.url?.secret).toBeUndefined();
    expect(store?.path?.['x-secret']).toBeUndefined();
    const slack = schema.properties?.notifications?.properties?.slackWebhookUrl;
    expect(slack).toMatchObject({ 'x-secret': true });
    expect(slack?.format).toBeUndefined();
  });
});
