import { dirname, resolve } from 'node:path';
import {
  type CheckNepaOptions,
  checkJsonExport,
  checkNepa,
  type JsonExportReport,
  loadTemplate,
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
  schema?: string;
  crosswalk?: string;
  json?: boolean;
}

function sourceOf(ctx: CliContext, options: ComplianceNepaOptions): NepaSource {
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

/** The standard's JSON Schema for `--json-file`: given, or beside the template's crosswalk. */
async function schemaPathOf(ctx: CliContext, options: ComplianceNepaOptions): Promise<string> {
  if (options.schema !== undefined) return resolve(ctx.cwd(), options.schema);
  if (options.template !== undefined) {
    const templatePath = resolve(ctx.cwd(), options.template);
    const template = await loadTemplate(templatePath);
    if (template.crosswalk !== undefined) {
      return resolve(dirname(resolve(dirname(templatePath), template.crosswalk)), 'nepa.schema.json');
    }
  }
  throw new CaraError('USAGE', "--json-file needs the standard's JSON Schema.", {
    hint: 'name it with --schema FILE (nepa.schema.json of the CEQ standard), or give a --template with a crosswalk beside it',
  });
}

/** `cara compliance nepa --json-file`: validates an export against the standard's JSON Schema. */
async function runJsonExport(
  ctx: CliContext,
  options: ComplianceNepaOptions & { jsonFile: string },
): Promise<void> {
  const schemaPath = await schemaPathOf(ctx, options);
  const report = await withRuntime(
    { cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command: 'compliance nepa' },
    async (rt) => {
      const result = await checkJsonExport(resolve(ctx.cwd(), options.jsonFile), schemaPath);
      await rt.audit.record({
        type: 'compliance.check',
        outcome: result.conformant ? 'success' : 'failure',
        subject: 'compliance:nepa-export',
        details: { issues: result.totalIssues, collections: result.collections.length },
      });
      return result;
    },
  );
  if (!report.conformant) ctx.setExitCode(1);
  if (options.json) return json(ctx.output, report);
  printExport(ctx, report);
}

function printExport(ctx: CliContext, report: JsonExportReport): void {
  const { out } = ctx.output;
  line(
    out,
    table(
      report.collections.map((c) => [c.name, String(c.rows), String(c.invalidRows)]),
      ['collection', 'rows', 'rows with issues'],
    ),
  );
  for (const issue of report.issues)
    line(out, `${paint(ctx.output, 'red', 'FAIL')} ${issue.path}: ${issue.message}`);
  if (report.totalIssues > report.issues.length) {
    line(
      out,
      `... and ${report.totalIssues - report.issues.length} more (--json lists the first ${report.issues.length})`,
    );
  }
  line(
    out,
    report.conformant
      ? paint(ctx.output, 'green', `${report.file} conforms to ${report.schema}`)
      : `${report.totalIssues} issues in ${report.file}`,
  );
}

/** `cara compliance nepa`: runs the NEPA rules, prints the report, records counts in the audit trail. */
export async function runComplianceNepa(ctx: CliContext, options: ComplianceNepaOptions): Promise<void> {
  if (options.jsonFile !== undefined) {
    if (options.databaseUrl !== undefined || options.pglite !== undefined) {
      throw new CaraError('USAGE', 'Give one of --json-file, --database-url or --pglite.');
    }
    return runJsonExport(ctx, { ...options, jsonFile: options.jsonFile });
  }
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
