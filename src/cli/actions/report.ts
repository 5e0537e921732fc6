import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import {
  buildComplianceReport,
  ensureReportDir,
  type NepaReport,
  parseReportFormats,
  type WrittenReport,
  writeComplianceReports,
} from '../../compliance/index.js';
import { systemClock } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { json, line } from '../output.js';
import { STATE_DIR, withRuntime } from '../runtime.js';
import { evaluateCompliance, failedControls, nepaSourceOf } from './compliance-check.js';

/** The package version, read from package.json (importing main.js for VERSION would form a cycle). */
const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

export interface ReportComplianceOptions {
  format?: string;
  out?: string;
  template?: string[];
  templatesDir?: string;
  databaseUrl?: string;
  pglite?: string;
  json?: boolean;
}

/**
 * `cara report compliance`: runs the evaluation of `cara compliance check`, signs an audit
 * checkpoint, writes the report in each format to `--out` and records one `compliance.check` event.
 */
export async function runReportCompliance(ctx: CliContext, options: ReportComplianceOptions): Promise<void> {
  const formats = parseReportFormats(options.format);
  const nepaSource = nepaSourceOf(ctx, options);
  const { written, check, checkpoint } = await withRuntime(
    { cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command: 'report compliance' },
    async (rt) => {
      const dir =
        options.out !== undefined ? resolve(ctx.cwd(), options.out) : join(rt.root, STATE_DIR, 'reports');
      await ensureReportDir(dir);
      // One NEPA run: the evaluation hands over the report behind its controls for the per-entity figures.
      let nepa: NepaReport | null = null;
      const check = await evaluateCompliance(ctx, rt, options, nepaSource, (report) => {
        nepa = report;
      });
      const checkpoint = await rt.audit.checkpoint();
      const data = buildComplianceReport({
        check,
        nepa,
        checkpoint,
        root: rt.root,
        generator: { name: 'cara', version: VERSION },
        generatedAt: systemClock.now(),
      });
      const written: WrittenReport[] = await writeComplianceReports(data, formats, dir);
      const rel = (path: string) => relative(rt.root, path) || path;
      await rt.audit.record({
        type: 'compliance.check',
        outcome: check.ok ? 'success' : 'failure',
        subject: 'compliance:report',
        details: {
          report: formats.join(','),
          path: rel(written[0]?.path ?? dir),
          files: Object.fromEntries(written.map((w) => [w.format, rel(w.path)])),
          ...check.totals,
          failedControls: failedControls(check),
          checkpoint: { size: data.checkpoint.size, rootHash: data.checkpoint.rootHash },
        },
      });
      return { written, check, checkpoint: data.checkpoint };
    },
  );
  if (options.json)
    return json(ctx.output, {
      ok: check.ok,
      totals: check.totals,
      files: written,
      checkpoint: { size: checkpoint.size, rootHash: checkpoint.rootHash },
    });
  for (const file of written) line(ctx.output.out, file.path);
}
