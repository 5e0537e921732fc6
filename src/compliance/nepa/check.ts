/** One NEPA validation run: load the template and crosswalk, open the database, run, close. */
import { dirname, resolve } from 'node:path';
import { readCrosswalk } from './crosswalk.js';
import type { NepaReport } from './report.js';
import { runNepaChecks } from './runner.js';
import { type NepaSource, openSqlClient, redactUrl } from './sql-client.js';
import { loadTemplate } from './template-load.js';
import { type NepaTemplate, nepaTemplateSchema } from './template-schema.js';

export interface CheckNepaOptions {
  source: NepaSource;
  /** The template file; the defaults of the schema when absent. */
  templatePath?: string;
  /** The crosswalk CSV; overrides the template's `crosswalk`. */
  crosswalkPath?: string;
}

/** The template with every default, as used when no `--template` is given. */
export function defaultTemplate(): NepaTemplate {
  return nepaTemplateSchema.parse({ version: 1 });
}

/**
 * Validates the NEPA database named by `options.source` against the template's rules.
 * A database that cannot be reached yields a non-conformant report with the reason, never a throw;
 * a bad template throws CONFIG_INVALID with file and line.
 */
export async function checkNepa(options: CheckNepaOptions): Promise<NepaReport> {
  const template =
    options.templatePath === undefined ? defaultTemplate() : await loadTemplate(options.templatePath);
  const crosswalkPath =
    options.crosswalkPath ??
    (template.crosswalk !== undefined && options.templatePath !== undefined
      ? resolve(dirname(options.templatePath), template.crosswalk)
      : undefined);
  const crosswalk =
    crosswalkPath === undefined
      ? { missing: 'no crosswalk given (template `crosswalk` or --crosswalk)' }
      : await readCrosswalk(crosswalkPath);
  let client: Awaited<ReturnType<typeof openSqlClient>>;
  try {
    client = await openSqlClient(options.source);
  } catch (error) {
    return unreachable(options.source, template, error);
  }
  try {
    return await runNepaChecks({ client, template, crosswalk });
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function unreachable(source: NepaSource, template: NepaTemplate, error: unknown): Promise<NepaReport> {
  const reason = error instanceof Error ? error.message : String(error);
  const refused = {
    location: 'databaseUrl' in source ? redactUrl(source.databaseUrl) : resolve(source.pgliteDir),
    query: () => Promise.reject(new Error(reason)),
    close: () => Promise.resolve(),
  };
  return runNepaChecks({ client: refused, template, crosswalk: { missing: reason } });
}
