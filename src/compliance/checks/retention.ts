/** Retention (AU-11): audit records kept online for at least the required number of days. */
import { z } from 'zod';
import { defineCheck, fail, pass } from './check.js';

/** `retention.auditMinimumDays` of `cara.config.yaml`: the age below which no audit event is deleted. */
function configuredMinimum(config: Readonly<Record<string, unknown>>): number | undefined {
  const retention = config.retention as { auditMinimumDays?: unknown } | undefined;
  const days = retention?.auditMinimumDays;
  return typeof days === 'number' ? days : undefined;
}

export const auditOnline = defineCheck({
  id: 'retention.audit-online',
  family: 'retention',
  description:
    'audit records are retained online for at least `minimumDays` days (retention.auditMinimumDays in cara.config.yaml, else the template)',
  parameters: z.strictObject({ minimumDays: z.number().int().positive().default(90) }).prefault({}),
  async run(ctx, { minimumDays }) {
    const fromConfig = configuredMinimum(ctx.config);
    const fromTemplate = ctx.template.retention?.auditOnlineDays;
    const configured = fromConfig ?? fromTemplate;
    const events = await ctx.events();
    const oldest = events[0]?.time;
    const evidence = {
      template: ctx.template.file,
      configuredDays: configured ?? null,
      source: fromConfig !== undefined ? 'cara.config.yaml retention.auditMinimumDays' : 'template',
      templateDays: fromTemplate ?? null,
      minimumDays,
      oldestEvent: oldest ?? null,
    };
    if (configured === undefined) {
      return fail(
        `no retention configured: set retention.auditMinimumDays (>= ${minimumDays}) in cara.config.yaml`,
        evidence,
      );
    }
    return configured >= minimumDays
      ? pass(`audit records are kept online at least ${configured} days (>= ${minimumDays})`, evidence)
      : fail(`audit records are kept online only ${configured} days, fewer than ${minimumDays}`, evidence);
  },
});

export const RETENTION_CHECKS = [auditOnline];
