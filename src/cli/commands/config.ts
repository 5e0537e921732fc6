import type { Command } from 'commander';
import { type CliContext, examples } from '../context.js';

export function registerConfig(program: Command, ctx: CliContext): void {
  const config = program.command('config').description('check and show cara.config.yaml');
  config
    .command('validate')
    .description('validate cara.config.yaml; errors name the line, the field and a fix')
    .option('--file <path>', 'validate this file instead of the repository config')
    .option('--json', 'print {config, warnings, errors} as JSON')
    .addHelpText('after', examples('cara config validate', 'cara config validate --file other.yaml --json'))
    .action(async (options: { file?: string; json?: boolean }) => {
      const { runConfigValidate } = await import('../actions/config.js');
      return runConfigValidate(ctx, options);
    });
  config
    .command('show')
    .description('print the effective config with defaults filled in and secrets redacted')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('cara config show', 'cara config show --json'))
    .action(async (options: { json?: boolean }) => {
      const { runConfigShow } = await import('../actions/config.js');
      return runConfigShow(ctx, options);
    });
  config
    .command('schema')
    .description('print the JSON Schema of cara.config.yaml (for editors and CI linters)')
    .addHelpText('after', examples('cara config schema > cara.config.schema.json'))
    .action(async () => {
      const { runConfigSchema } = await import('../actions/config.js');
      return runConfigSchema(ctx);
    });
}
