import { z } from 'zod';
import { deploySchema } from './deploy-schema.js';
import { redteamSchema } from './redteam-schema.js';
import { retentionSchema } from './retention-schema.js';

/**
 * Marks a field as a secret: redacted in logs and reports, and expected as a `${ENV}` reference
 * rather than a literal. `envVar` is the variable the loader suggests.
 */
function secret<T extends z.ZodType>(schema: T, description: string, envVar: string) {
  const full = `${description} Secret: reference an environment variable, e.g. \`\${${envVar}}\`.`;
  return schema.optional().meta({ description: full, secret: true, envVar });
}

const project = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .optional()
      .describe('Project name shown in reports and audit events; defaults to the repository folder name.'),
  })
  .describe('The project this repository delivers.');

const store = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .default('.cara/cara.db')
      .describe('SQLite database file, relative to the repository root.'),
    url: secret(
      z.string().min(1),
      'PostgreSQL connection URL; when set, the store lives there. The CARA_DATABASE_URL environment variable takes precedence.',
      'CARA_DATABASE_URL',
    ),
  })
  .describe('Where cara keeps its history, state and audit log.');

const audit = z
  .strictObject({
    origin: z
      .string()
      .regex(/^[^\r\n]+$/, { error: 'must be one non-empty line' })
      .optional()
      .describe('Origin line of signed checkpoints; defaults to one derived from the project at use time.'),
    environment: z
      .string()
      .min(1)
      .default('development')
      .describe('Environment name recorded in audit events (e.g. development, staging, production).'),
    signingKey: z
      .string()
      .min(1)
      .default('.cara/signing-key.pem')
      .describe('PEM file with the key that signs checkpoints, relative to the repository root.'),
    externalCheckpointDir: z
      .string()
      .min(1)
      .optional()
      .describe('Directory that also receives a copy of every checkpoint (e.g. a mounted bucket).'),
  })
  .describe('The tamper-evident audit trail.');

const band = (fallback: number, description: string) =>
  z.number().gt(0).lt(1).default(fallback).describe(description);

const risk = z
  .strictObject({
    bands: z
      .strictObject({
        medium: band(0.3, 'Risk score from which a change counts as medium risk; between 0 and 1.'),
        high: band(0.6, 'Risk score from which a change counts as high risk; between 0 and 1, above medium.'),
      })
      .refine((bands) => bands.medium < bands.high, {
        path: ['high'],
        error: 'must be greater than risk.bands.medium',
      })
      .prefault({})
      .describe('Score thresholds of the risk bands.'),
  })
  .describe('Change risk scoring.');

const test = z
  .strictObject({
    runner: z
      .string()
      .min(1)
      .optional()
      .describe('Test runner to use (vitest, jest, mocha, node-test, junit); detected when absent.'),
    globalInputs: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Paths or globs whose change runs every test; defaults to lockfiles, package.json, tsconfig*.json, test-runner config and CI workflows.',
      ),
    widenAfterFailure: z
      .enum(['closure', 'all', 'off'])
      .default('closure')
      .describe(
        'When a selected run of a change found failures, the next run of the same change runs the whole import closure (closure), every test (all), or the plain selection again (off).',
      ),
    impactRefreshPerRun: z
      .number()
      .int()
      .min(0)
      .default(10)
      .describe(
        'After a run on a clean working tree, refresh at most this many missing or stale impact-map entries of the tests that ran (0: never).',
      ),
  })
  .describe('Test selection and runs.');

const llm = z
  .strictObject({
    provider: z
      .enum(['none', 'openai', 'anthropic', 'google'])
      .default('none')
      .describe('LLM provider for AI commands; `none` uses the deterministic planner.'),
    model: z.string().min(1).optional().describe("Model name; defaults to the provider's recommended model."),
    apiKey: secret(z.string().min(1), 'API key of the LLM provider.', 'CARA_LLM_API_KEY'),
  })
  .describe('Optional LLM provider.');

const notifications = z
  .strictObject({
    slackWebhookUrl: secret(
      z.url(),
      'Slack incoming-webhook URL for gate and rollback notices.',
      'CARA_SLACK_WEBHOOK_URL',
    ),
  })
  .describe('Where cara sends notices.');

/** The one schema of `cara.config.yaml`; an empty file yields a complete config. */
export const configSchema = z
  .strictObject({
    version: z.literal(1).default(1).describe('Config format version.'),
    project: project.prefault({}),
    store: store.prefault({}),
    audit: audit.prefault({}),
    risk: risk.prefault({}),
    test: test.prefault({}),
    llm: llm.prefault({}),
    notifications: notifications.prefault({}),
    deploy: deploySchema.prefault({}),
    redteam: redteamSchema.prefault({}),
    retention: retentionSchema.prefault({}),
  })
  .describe('Configuration of cara, the AI-driven delivery pipeline.');

/** A validated config with every default filled in. */
export type CaraConfig = z.output<typeof configSchema>;

/** Metadata of one field, gathered from the field and every wrapper around it. */
export interface FieldMeta {
  description: string | undefined;
  secret: boolean;
  /** The environment variable the loader suggests for a secret. */
  envVar: string | undefined;
}

/** The field schema itself, without optional/default/prefault/nullable/readonly wrappers. */
export function unwrapSchema(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    const next = def.innerType ?? (current._zod.def.type === 'pipe' ? def.in : undefined);
    if (next === undefined) return current;
    current = next;
  }
}

/** Metadata of a field, merged over its wrappers (outermost wins). */
export function fieldMeta(schema: z.core.$ZodType): FieldMeta {
  const layers: Record<string, unknown>[] = [];
  let current: z.core.$ZodType | undefined = schema;
  while (current !== undefined) {
    const meta = z.globalRegistry.get(current);
    if (meta !== undefined) layers.unshift(meta);
    const def = current._zod.def as { innerType?: z.core.$ZodType };
    current = def.innerType;
  }
  const merged: Record<string, unknown> = Object.assign({}, ...layers);
  return {
    description: typeof merged.description === 'string' ? merged.description : undefined,
    secret: merged.secret === true,
    envVar: typeof merged.envVar === 'string' ? merged.envVar : undefined,
  };
}

/** The schema of the field at `path`, or undefined when the path leaves the schema. */
export function schemaAt(path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = configSchema;
  for (const segment of path) {
    if (typeof segment !== 'string') return undefined;
    const values = recordValues(current);
    if (values !== undefined) {
      current = values;
      continue;
    }
    const shape = objectShape(current);
    if (shape === undefined) return undefined;
    current = shape[segment];
  }
  return current;
}

/** The value schema of a record (a mapping with free keys such as `deploy.services`). */
function recordValues(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  if (schema === undefined) return undefined;
  const inner = unwrapSchema(schema);
  return inner instanceof z.ZodRecord ? (inner._zod.def.valueType as z.core.$ZodType) : undefined;
}

/** The keys allowed in the mapping at `path` (empty when the path is not a mapping). */
export function keysAt(path: readonly PropertyKey[]): string[] {
  return Object.keys(objectShape(schemaAt(path)) ?? {});
}

/** Every secret field as a path from the root, found by walking the schema. */
export function secretPaths(): string[][] {
  const found: string[][] = [];
  const walk = (schema: z.core.$ZodType, path: string[]): void => {
    if (fieldMeta(schema).secret) found.push(path);
    const values = recordValues(schema);
    if (values !== undefined) walk(values, [...path, '*']);
    for (const [key, child] of Object.entries(objectShape(schema) ?? {})) walk(child, [...path, key]);
  };
  walk(configSchema, []);
  return found;
}

/**
 * The secret paths present in a config value: `*` segments of {@link secretPaths} (record
 * entries, e.g. each named red-team target) expanded to the keys the value has.
 */
export function secretPathsIn(value: unknown): string[][] {
  const out: string[][] = [];
  const expand = (node: unknown, rest: readonly string[], done: string[]): void => {
    const [head, ...tail] = rest;
    if (head === undefined) {
      out.push(done);
      return;
    }
    if (head !== '*') {
      expand(
        node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[head] : undefined,
        tail,
        [...done, head],
      );
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) expand(child, tail, [...done, key]);
  };
  for (const path of secretPaths()) expand(value, path, []);
  return out;
}

function objectShape(schema: z.core.$ZodType | undefined): Record<string, z.core.$ZodType> | undefined {
  if (schema === undefined) return undefined;
  const inner = unwrapSchema(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.core.$ZodType>) : undefined;
}
