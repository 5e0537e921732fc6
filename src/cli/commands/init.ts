import type { Command } from 'commander';
import { type CliContext, examples } from '../context.js';

export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('set up cara in this git repository: config, .cara/ store and signing key')
    .option('--force', 'overwrite an existing cara.config.yaml with the default one')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', examples('cara init', 'cara init --force --json'))
    .action(async (options: { force?: boolean; json?: boolean }) => {
      const { runInit } = await import('../actions/init.js');
      return runInit(ctx, options);
    });
}
