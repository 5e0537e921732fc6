import type { Command } from 'commander';
import { type CliContext, examples } from '../context.js';

export function registerFailures(program: Command, ctx: CliContext): void {
  const failures = program
    .command('failures')
    .description('failure analysis: log templates, failure clusters, the likely culprit of a failing run');
  const load = () => import('../actions/failures.js');

  failures
    .command('analyze')
    .description(
      'find the failures in CI logs (or in a recorded test run), template them, cluster them, say which are new',
    )
    .argument(
      '[files...]',
      'log files to read (streamed; binary chunks and overlong lines are skipped and counted)',
    )
    .option(
      '--run <id>',
      'analyze the failures of this recorded test run (default with no file: the latest failing run)',
    )
    .option('--json', 'print the analysis as JSON')
    .addHelpText(
      'after',
      examples(
        'cara failures analyze ci.log',
        'cara failures analyze logs/*.txt --json',
        'cara failures analyze --run 0193...',
      ),
    )
    .action(async (files: string[], options) => (await load()).runFailuresAnalyze(ctx, files, options));

  failures
    .command('clusters')
    .description('list failure clusters: signature, count, first and last seen, tests, runs, an example')
    .option('--since <when>', 'only failures since this ISO date or this long ago (e.g. 7d, 12h)')
    .option('--json', 'print the clusters as JSON')
    .addHelpText('after', examples('cara failures clusters', 'cara failures clusters --since 7d --json'))
    .action(async (options) => (await load()).runFailuresClusters(ctx, options));

  failures
    .command('suspects')
    .description(
      'rank the commits and files since the last green run by how likely they broke the failing tests, with evidence',
    )
    .option('--run <id>', 'the failing test run (default: the latest failing run)')
    .option('--json', 'print the ranking as JSON')
    .addHelpText('after', examples('cara failures suspects', 'cara failures suspects --run 0193... --json'))
    .action(async (options) => (await load()).runFailuresSuspects(ctx, options));
}
