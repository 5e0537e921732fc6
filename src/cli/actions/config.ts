import { join, resolve } from 'node:path';
import { configJsonSchema, formatConfigIssue, loadConfig, redactSecrets } from '../../core/index.js';
import { findRepoRoot } from '../../git/index.js';
import type { CliContext } from '../context.js';
import { json, line } from '../output.js';
import { CONFIG_FILE, printWarnings, readConfig } from '../runtime.js';

export async function runConfigValidate(
  ctx: CliContext,
  options: { file?: string; json?: boolean },
): Promise<void> {
  const file = options.file
    ? resolve(ctx.cwd(), options.file)
    : join(await findRepoRoot(ctx.cwd()), CONFIG_FILE);
  const result = await loadConfig(file);
  if (result.errors.length > 0) ctx.setExitCode(2);
  if (options.json) {
    return json(ctx.output, { ...result, config: result.config ? redactSecrets(result.config) : null });
  }
  printWarnings(result.warnings, ctx.output);
  for (const error of result.errors) line(ctx.output.err, `error: ${formatConfigIssue(error)}`);
  if (result.errors.length === 0) line(ctx.output.out, `${file}: valid`);
}

export async function runConfigShow(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const root = await findRepoRoot(ctx.cwd());
  const config = redactSecrets(await readConfig(root, ctx.output));
  if (options.json) return json(ctx.output, config);
  const { stringify } = await import('yaml');
  ctx.output.out.write(stringify(config));
}

export async function runConfigSchema(ctx: CliContext): Promise<void> {
  json(ctx.output, configJsonSchema());
}
