/** Retention (AU-11): audit records kept online for at least the required number of days. */
import { z } from 'zod';
import { defineCheck, fail, pass } from './check.js';

export const auditOnline = defineCheck({
  id: 'retention.audit-online',
  family: 'retention',
  description: 'audit records are retained online for at least `minimumDays` days',
  parameters: z.strictObject({ minimumDays: z.number().int().positive().default(90) }).prefault({}),
  async run(ctx, { minimumDays }) {
    const configured = ctx.template.retention?.auditOnlineDays;
    const events = await ctx.events();
    const oldest = events[0]?.time;
    const evidence = {
      template: ctx.template.file,
      configuredDays: configured ?? null,
      minimumDays,
      oldestEvent: oldest ?? null,
    };
    if (configured === undefined) {
      return fail(
        `no retention configured: set retention.auditOnlineDays (>= ${minimumDays}) in the template`,
        evidence,
      );
    }
    return configured >= minimumDays
      ? pass(`audit records are kept online ${configured} days (>= ${minimumDays})`, evidence)
      : fail(`audit records are kept online ${configured} days, fewer than ${minimumDays}`, evidence);
  },
});

export const RETENTION_CHECKS = [auditOnline];
