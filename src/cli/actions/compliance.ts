import { resolve } from 'node:path';
import {
  type CheckNepaOptions,
  checkNepa,
  type NepaReport,
  type NepaSource,
  renderNepaReport,
} from '../../compliance/index.js';
import { CaraError } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import { withRuntime } from '../runtime.js';

export interface ComplianceNepaOptions {
  template?: string;
  databaseUrl?: string;
  pglite?: string;
  jsonFile?: string;
  crosswalk?: string;
  json?: boolean;
}

function sourceOf(ctx: CliContext, options: ComplianceNepaOptions): NepaSource {
  if (options.jsonFile !== undefined) {
    throw new CaraError('USAGE', '--json-file is not supported yet.', {
      hint: 'load the export into PostgreSQL or PGlite and use --database-url or --pglite',
    });
  }
  const given = [options.databaseUrl, options.pglite].filter((value) => value !== undefined);
  if (given.length !== 1) {
    throw new CaraError('USAGE', 'Give exactly one of --database-url or --pglite.', {
      hint: 'there is no config default yet: name the database on the command line',
    });
  }
  return options.databaseUrl !== undefined
    ? { databaseUrl: options.databaseUrl }
    : { pgliteDir: resolve(ctx.cwd(), options.pglite ?? '') };
}

/** `cara compliance nepa`: runs the NEPA rules, prints the report, records counts in the audit trail. */
export async function runComplianceNepa(ctx: CliContext, options: ComplianceNepaOptions): Promise<void> {
  const check: CheckNepaOptions = { source: sourceOf(ctx, options) };
  if (options.template !== undefined) check.templatePath = resolve(ctx.cwd(), options.template);
  if (options.crosswalk !== undefined) check.crosswalkPath = resolve(ctx.cwd(), options.crosswalk);
  const report = await withRuntime(
    { cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command: 'compliance nepa' },
    async (rt) => {
      const result = await checkNepa(check);
      await rt.audit.record({
        type: 'compliance.check',
        outcome: result.conformant ? 'success' : 'failure',
        subject: 'compliance:nepa',
        details: { ...result.totals, entities: result.entities.length },
      });
      return result;
    },
  );
  if (!report.conformant) ctx.setExitCode(1);
  if (options.json) return json(ctx.output, report);
  print(ctx, report);
}

function print(ctx: CliContext, report: NepaReport): void {
  line(
    ctx.output.out,
    renderNepaReport(report, { paint: (colour, text) => paint(ctx.output, colour, text), table }),
  );
}
