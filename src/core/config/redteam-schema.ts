import { z } from 'zod';

/** The `redteam` section of `cara.config.yaml`: agents to attack, by name (`cara redteam run --target NAME`). */

/** A secret field, marked as in schema.ts: redacted, and expected as a `${ENV}` reference. */
function secret<T extends z.ZodType>(schema: T, description: string, envVar: string) {
  const full = `${description} Secret: reference an environment variable, e.g. \`\${${envVar}}\`.`;
  return schema.optional().meta({ description: full, secret: true, envVar });
}

const target = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .describe(
        'Base URL of the target: the chat endpoint (http), the API base (openai), or the service base (agent).',
      ),
    kind: z
      .enum(['http', 'openai', 'agent'])
      .default('http')
      .describe(
        'http: one JSON request per prompt; openai: an OpenAI-compatible chat API; agent: ingest + ask + tool log under one base URL.',
      ),
    canary: secret(
      z.string().min(1),
      'The canary secret planted in the target, to detect its leakage.',
      'CARA_REDTEAM_CANARY',
    ),
    systemPromptFile: z
      .string()
      .min(1)
      .optional()
      .describe('File with the known system prompt, for overlap detection; relative to the repository root.'),
    bodyTemplate: z
      .string()
      .min(1)
      .optional()
      .describe('http: request body with {{prompt}} (default {"question": "{{prompt}}"}).'),
    responsePath: z
      .string()
      .min(1)
      .optional()
      .describe('http: dotted path of the answer in the response (default answer).'),
    model: z.string().min(1).optional().describe('openai: the model name.'),
    headers: z
      .record(z.string().min(1), z.string())
      .default({})
      .describe(`Extra request headers (placeholders allowed, e.g. \`authorization: Bearer \${TOKEN}\`).`),
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .max(600_000)
      .optional()
      .describe('Per-request timeout in milliseconds (default 30000).'),
  })
  .describe('One agent to attack; `cara redteam run` flags override its fields.');

export type RedteamTargetConfig = z.output<typeof target>;

export const redteamSchema = z
  .strictObject({
    targets: z
      .record(
        z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'target names are lowercase letters, digits and -' }),
        target,
      )
      .default({})
      .describe('Red-team targets by name.'),
  })
  .describe('Red teaming: `cara redteam run --target NAME`.');

export type RedteamConfig = z.output<typeof redteamSchema>;
