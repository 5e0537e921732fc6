/** NEPA reporting: the entity validation template is in place and its latest run passed recently. */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { formatTemplateIssue, parseTemplate } from '../nepa/index.js';
import { defineCheck, fail, notAssessed, pass } from './check.js';

export const nepaTemplatePresent = defineCheck({
  id: 'nepa.template-present',
  family: 'nepa',
  description: 'the NEPA entity validation template exists and is valid',
  parameters: z
    .strictObject({
      file: z
        .string()
        .min(1)
        .default('nepa-entity-validation-template.yml')
        .describe('the NEPA template, relative to this template'),
    })
    .prefault({}),
  async run(ctx, { file }) {
    const path = resolve(dirname(ctx.template.file), file);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) return fail(`the NEPA template ${path} is missing`, { file: path });
    const { template, errors } = parseTemplate(text, path);
    if (template === undefined)
      return fail(
        `the NEPA template is invalid: ${formatTemplateIssue(errors[0] ?? { file: path, line: undefined, path: '', message: 'invalid' })}`,
        {
          file: path,
          issues: errors.length,
        },
      );
    const disabled = Object.entries(template.rules).filter(
      ([, s]) => s === false || (typeof s === 'object' && !s.enabled),
    );
    return pass(`${path} is valid`, { file: path, disabledRules: disabled.map(([id]) => id) });
  },
});

export const nepaLastRun = defineCheck({
  id: 'nepa.last-run',
  family: 'nepa',
  description: 'the latest `cara compliance nepa` run passed and is at most `maxAgeDays` old',
  parameters: z.strictObject({ maxAgeDays: z.number().positive().default(30) }).prefault({}),
  async run(ctx, { maxAgeDays }) {
    const runs = (await ctx.events()).filter(
      (e) => e.type === 'compliance.check' && e.subject === 'compliance:nepa',
    );
    const last = runs.at(-1);
    if (last === undefined) return notAssessed('no `cara compliance nepa` run recorded yet');
    const ageDays = (ctx.now().getTime() - Date.parse(last.time)) / 86_400_000;
    const evidence = {
      runs: runs.length,
      lastRun: { seq: last.seq, id: last.id, time: last.time, outcome: last.outcome.status },
    };
    if (last.outcome.status !== 'success')
      return fail(`the latest NEPA run (#${last.seq}, ${last.time}) found violations`, evidence);
    if (ageDays > maxAgeDays)
      return fail(`the latest NEPA run is ${Math.floor(ageDays)} days old (max ${maxAgeDays})`, evidence);
    return pass(`the latest NEPA run (#${last.seq}, ${last.time}) passed`, evidence);
  },
});

export const NEPA_CHECKS = [nepaTemplatePresent, nepaLastRun];
