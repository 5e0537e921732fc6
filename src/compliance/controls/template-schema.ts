/**
 * The zod schema of a controls template (every template in deployment/compliance-templates but
 * the NEPA one): controls, each with rules that name a registered check and its parameters.
 */
import { z } from 'zod';
import { COMPLIANCE_CHECKS } from '../checks/index.js';

/** The controls templates this project ships; each gets its own committed JSON Schema. */
export const CONTROLS_TEMPLATE_NAMES = [
  'government-security-baseline',
  'audit-trail-structure',
  'regulatory-reporting-template',
  'deployment-audit-template',
  'enterprise-approval-gates',
  'rollback-procedures-template',
  'compliance-validation-checklist',
] as const;

const ruleSchema = z
  .strictObject({
    check: z.string().min(1).describe('a check id from the registry (src/compliance/checks)'),
    parameters: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("the check's parameters, validated by the check's own schema"),
  })
  .describe('one automated check');

const controlSchema = z
  .strictObject({
    id: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9.()_-]*$/,
        'a control id is letters, digits, . ( ) _ -, e.g. AU-2 or AC-6(1)',
      )
      .describe('the control id, e.g. AU-2 (matched case-insensitively against the baseline profile)'),
    title: z.string().min(1).optional().describe('the control title, when the baseline file carries none'),
    description: z.string().optional(),
    rules: z.array(ruleSchema).min(1).describe('every rule must pass for the control to pass'),
  })
  .describe('a control and the checks that evidence it');

const templateShape = {
  version: z.literal(1).describe('template format version'),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'a template name is lower-case kebab-case')
    .describe('the template name other templates reference'),
  title: z.string().min(1),
  description: z.string().optional(),
  baseline: z
    .strictObject({
      profile: z
        .string()
        .min(1)
        .describe('OSCAL profile or catalog JSON, relative to the template; read in place'),
    })
    .optional()
    .describe('the baseline whose control ids (and titles, when it carries them) the controls use'),
  retention: z
    .strictObject({
      auditOnlineDays: z.number().int().positive().optional().describe('days audit records stay online'),
    })
    .optional()
    .describe('retention as configured for this system (read by retention checks)'),
};

export const controlsTemplateSchema = z
  .strictObject({ ...templateShape, controls: z.array(controlSchema).min(1) })
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    template.controls.forEach((control, i) => {
      const key = control.id.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['controls', i, 'id'],
          message: `duplicate control ${control.id}`,
        });
      seen.add(key);
    });
  });

export type ControlsTemplate = z.output<typeof controlsTemplateSchema>;

/** The schema editors see: each rule is one of the registered checks with its own parameters. */
function editorSchema() {
  const rules = COMPLIANCE_CHECKS.map((check) =>
    z
      .strictObject({ check: z.literal(check.id), parameters: check.parameters })
      .describe(`${check.id}: ${check.description}`),
  );
  const [first, ...rest] = rules;
  if (first === undefined) throw new Error('no compliance checks are registered');
  const control = controlSchema.extend({ rules: z.array(z.union([first, ...rest])).min(1) });
  return z.strictObject({ ...templateShape, controls: z.array(control).min(1) });
}

/** The committed JSON Schema of one controls template (input mode: defaults optional). */
export function controlsTemplateJsonSchema(name: string): object {
  const { $schema, ...rest } = z.toJSONSchema(editorSchema(), { target: 'draft-2020-12', io: 'input' });
  return { $schema, $id: `https://cara.dev/schema/${name}.schema.json`, title: `${name}.yml`, ...rest };
}
