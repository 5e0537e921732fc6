/**
 * Writes schema/cara.config.schema.json from the zod config schema (`npm run schema`).
 * src/core/config/json-schema.test.ts fails when the committed file is stale.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { configJsonSchema } from '../src/core/config/index.js';

const target = new URL('../schema/cara.config.schema.json', import.meta.url);
await mkdir(new URL('.', target), { recursive: true });
await writeFile(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
