/**
 * Writes schema/cara.config.schema.json from the zod config schema (`npm run schema`).
 * src/core/config/json-schema.test.ts fails when the committed file is stale.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import {
  CONTROLS_TEMPLATE_NAMES,
  controlsTemplateJsonSchema,
  nepaTemplateJsonSchema,
} from '../src/compliance/index.js';
import { configJsonSchema } from '../src/core/config/index.js';

const target = new URL('../schema/cara.config.schema.json', import.meta.url);
await mkdir(new URL('.', target), { recursive: true });
await writeFile(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);

// The compliance templates' JSON Schemas, beside the templates (checked by src/compliance tests).
const templates = new URL('../deployment/compliance-templates/', import.meta.url);
const templateSchemas: [string, object][] = [
  ['nepa-entity-validation-template', nepaTemplateJsonSchema()],
  ...CONTROLS_TEMPLATE_NAMES.map((name): [string, object] => [name, controlsTemplateJsonSchema(name)]),
];
for (const [name, schema] of templateSchemas) {
  const file = new URL(`${name}.schema.json`, templates);
  await writeFile(file, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote ${file.pathname}\n`);
}
