import { z } from 'zod';
import { configSchema } from './schema.js';

/** Where the committed JSON Schema of `cara.config.yaml` is published. */
export const CONFIG_SCHEMA_ID = 'https://cara.dev/schema/cara.config.schema.json';

/**
 * The JSON Schema of `cara.config.yaml`, generated from the zod schema for editors and CI.
 * Input mode, so fields with defaults are optional; secrets carry `"x-secret": true`.
 */
export function configJsonSchema(): object {
  const { $schema, ...rest } = z.toJSONSchema(configSchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ jsonSchema }) => {
      const node = jsonSchema as Record<string, unknown>;
      if (node.secret === true) {
        node['x-secret'] = true;
        // The file holds a `${ENV}` reference here, which a `format: uri` check would reject.
        delete node.format;
      }
      delete node.secret;
      delete node.envVar;
    },
  });
  return { $schema, $id: CONFIG_SCHEMA_ID, title: 'cara.config.yaml', ...rest };
}
