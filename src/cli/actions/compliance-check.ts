import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ComplianceCheckReport,
  evaluateTemplates,
  loadComplianceTemplates,
  type NepaReport,
  type NepaSource,
  renderComplianceReport,
  templateFilesIn,
} from '../../compliance/index.js';
import { CaraError, systemClock } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import { type Runtime, withRuntime } from '../runtime.js';

export interface ComplianceCheckOptions {
  template?: string[];
  templatesDir?: string;
  databaseUrl?: string;
  pglite?: string;
  json?: boolean;
}

const TEMPLATE_DIR = 'deployment/compliance-templates';
/** The templates shipped beside cara's own sources, used when the repository has none. */
const PACKAGE_TEMPLATES = fileURLToPath(new URL(`../../../${TEMPLATE_DIR}`, import.meta.url));

async function templateFiles(
  ctx: CliContext,
  root: string,
  options: Pick<ComplianceCheckOptions, 'template' | 'templatesDir'>,
): Promise<string[]> {
  const given = (options.template ?? []).map((file) => resolve(ctx.cwd(), file));
  if (given.length > 0 && options.templatesDir === undefined) return given;
  const dir =
    options.templatesDir !== undefined
      ? resolve(ctx.cwd(), options.templatesDir)
      : [join(root, TEMPLATE_DIR), PACKAGE_TEMPLATES].find((candidate) => existsSync(candidate));
  if (dir === undefined) {
    throw new CaraError('USAGE', `No compliance templates: ${join(root, TEMPLATE_DIR)} is missing.`, {
      hint: 'give the folder with --templates-dir DIR, or templates with --template FILE',
    });
  }
  const files = [...(await templateFilesIn(dir)), ...given];
  if (files.length === 0) throw new CaraError('USAGE', `No *.yml templates in ${dir}.`);
  return files;
}

/** The NEPA database named by `--database-url` or `--pglite`, if any. */
export function nepaSourceOf(
  ctx: CliContext,
  options: Pick<ComplianceCheckOptions, 'databaseUrl' | 'pglite'>,
): NepaSource | undefined {
  if (options.databaseUrl !== undefined && options.pglite !== undefined)
    throw new CaraError('USAGE', 'Give at most one of --database-url or --pglite.');
  if (options.databaseUrl !== undefined) return { databaseUrl: options.databaseUrl };
  if (options.pglite !== undefined) return { pgliteDir: resolve(ctx.cwd(), options.pglite) };
  return undefined;
}

/**
 * Loads the templates the options name and evaluates them against the runtime's repository: the
 * evaluation `cara compliance check` and `cara report compliance` share.
 */
export async function evaluateCompliance(
  ctx: CliContext,
  rt: Runtime,
  options: Pick<ComplianceCheckOptions, 'template' | 'templatesDir'>,
  nepaSource: NepaSource | undefined,
  onNepaReport?: (report: NepaReport) => void,
): Promise<ComplianceCheckReport> {
  const templates = await loadComplianceTemplates(await templateFiles(ctx, rt.root, options));
  let events: ReturnType<typeof rt.audit.list> | undefined;
  return evaluateTemplates({
    templates,
    nepaSource,
    onNepaReport,
    context: {
      root: rt.root,
      config: rt.config as unknown as Record<string, unknown>,
      signingKeyPath: resolve(rt.root, rt.config.audit.signingKey),
      audit: rt.audit,
      events: () => {
        events ??= rt.audit.list();
        return events;
      },
      now: () => systemClock.now(),
    },
  });
}

/**
 * `cara compliance check`: evaluates every template, prints a table per template, records one
 * `compliance.check` event with the summary; exit 1 when a control fails, 2 for invalid templates.
 */
export async function runComplianceCheck(ctx: CliContext, options: ComplianceCheckOptions): Promise<void> {
  const nepaSource = nepaSourceOf(ctx, options);
  const report = await withRuntime(
    { cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command: 'compliance check' },
    async (rt) => {
      const result = await evaluateCompliance(ctx, rt, options, nepaSource);
      await rt.audit.record({
        type: 'compliance.check',
        outcome: result.ok ? 'success' : 'failure',
        subject: 'compliance:check',
        details: {
          ...result.totals,
          failedControls: failedControls(result),
          templateFiles: result.templates.map((t) => t.file),
        },
      });
      return result;
    },
  );
  if (!report.ok) ctx.setExitCode(1);
  if (options.json) return json(ctx.output, report);
  line(
    ctx.output.out,
    renderComplianceReport(report, { paint: (colour, text) => paint(ctx.output, colour, text), table }),
  );
}

/** `template/control` of every failed control, for audit event details. */
export function failedControls(report: ComplianceCheckReport): string[] {
  return report.templates.flatMap((t) =>
    t.controls.filter((c) => c.status === 'fail').map((c) => `${t.name}/${c.id}`),
  );
}
