import type { Command } from 'commander';
import { type CliContext, examples } from '../context.js';

export function registerGraph(program: Command, ctx: CliContext): void {
  const graph = program
    .command('graph')
    .description('the import graph of the TypeScript/JavaScript sources: who depends on what');
  const load = () => import('../actions/graph.js');

  graph
    .command('dependents')
    .description('list the files that import FILE, directly or through other files, by distance')
    .argument('<file...>', 'source files, relative to the current directory')
    .option('--depth <n>', 'only dependents at most n imports away (1 = direct importers)')
    .option('--json', 'print {files, dependents: [{file, distance}], warnings, stats} as JSON')
    .addHelpText(
      'after',
      examples(
        'cara graph dependents src/util/math.ts',
        'cara graph dependents src/core/config.ts src/core/env.ts --depth 2',
        'cara graph dependents packages/shared/src/ids.ts --json',
      ),
    )
    .action(async (files: string[], options) => (await load()).runGraphDependents(ctx, files, options));

  graph
    .command('stats')
    .description(
      'build the graph and report its size, cache use, the most imported files and what did not resolve',
    )
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('cara graph stats', 'cara graph stats --json'))
    .action(async (options) => (await load()).runGraphStats(ctx, options));
}
