/** The zod schema of `nepa-entity-validation-template.yml`, and its generated JSON Schema. */
import { z } from 'zod';
import { NEPA_ENTITIES, type NepaEntity } from './entities.js';
import { agenciesSchema, parametersSchema } from './parameters.js';
import { NEPA_RULE_IDS } from './rules/registry.js';

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a table name is letters, digits and _ (at most 63)');

const ruleSetting = z.union([
  z.boolean().describe('true to run the rule, false to skip it'),
  z
    .object({
      enabled: z.boolean().default(true),
      severity: z.enum(['error', 'warning']).optional().describe('overrides the rule severity'),
    })
    .strict(),
]);

const tablesShape = Object.fromEntries(
  NEPA_ENTITIES.map((entity) => [entity, identifier.optional()]),
) as Record<NepaEntity, z.ZodOptional<typeof identifier>>;

const rulesShape = Object.fromEntries(NEPA_RULE_IDS.map((id) => [id, ruleSetting.optional()]));

export const nepaTemplateSchema = z
  .object({
    version: z.literal(1).describe('template format version'),
    description: z.string().optional(),
    crosswalk: z
      .string()
      .min(1)
      .optional()
      .describe('path of the CEQ database crosswalk CSV, relative to the template'),
    tables: z.object(tablesShape).strict().prefault({}).describe('entity -> table name in the database'),
    rules: z.object(rulesShape).strict().prefault({}).describe('rule id -> enabled, or {enabled, severity}'),
    parameters: parametersSchema.prefault({}),
    agencies: agenciesSchema.describe('per-agency timings; `default` applies to agencies not listed'),
  })
  .strict();

export type NepaTemplate = z.output<typeof nepaTemplateSchema>;

/** Where the committed JSON Schema of the template is published. */
export const NEPA_TEMPLATE_SCHEMA_ID = 'https://cara.dev/schema/nepa-entity-validation-template.schema.json';

/** The JSON Schema of the template, generated from zod for editors and CI (input mode: defaults optional). */
export function nepaTemplateJsonSchema(): object {
  const { $schema, ...rest } = z.toJSONSchema(nepaTemplateSchema, { target: 'draft-2020-12', io: 'input' });
  return { $schema, $id: NEPA_TEMPLATE_SCHEMA_ID, title: 'nepa-entity-validation-template.yml', ...rest };
}
