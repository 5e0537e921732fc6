/** Cross-template checks: a checklist control passes when the controls it references pass. */
import { z } from 'zod';
import { defineCheck, fail, notAssessed, pass } from './check.js';

export const CONTROL_STATUS_CHECK = 'controls.status';

export const controlStatus = defineCheck({
  id: CONTROL_STATUS_CHECK,
  family: 'controls',
  description: 'the referenced controls of another template pass (that template must be part of the run)',
  parameters: z.strictObject({
    template: z.string().min(1).describe('the referenced template name'),
    controls: z.array(z.string().min(1)).min(1).describe('control ids of that template'),
  }),
  async run(ctx, { template, controls }) {
    const result = ctx.controls.template(template);
    if (result === undefined) return notAssessed(`template ${template} is not part of this run`);
    const statuses = controls.map((id) => ({ id, status: result.controls.find((c) => c.id === id)?.status }));
    const failed = statuses.filter((s) => s.status === 'fail').map((s) => s.id);
    const open = statuses.filter((s) => s.status !== 'fail' && s.status !== 'pass').map((s) => s.id);
    const evidence = { template, controls: statuses };
    if (failed.length > 0) return fail(`${template}: ${failed.join(', ')} failed`, evidence);
    if (open.length > 0) return notAssessed(`${template}: ${open.join(', ')} not assessed`, evidence);
    return pass(`${template}: ${controls.join(', ')} pass`, evidence);
  },
});

export const CONTROL_CHECKS = [controlStatus];
