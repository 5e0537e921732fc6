import type { Command } from 'commander';
import { type CliContext, examples } from '../context.js';

export function registerRisk(program: Command, ctx: CliContext): void {
  const risk = program
    .command('risk')
    .description("change risk: a just-in-time defect model learned from this repository's history");
  const load = () => import('../actions/risk.js');

  risk
    .command('train')
    .description('mine history, label bug-introducing commits (SZZ), train and evaluate a model')
    .option('--json', 'print the training report as JSON')
    .addHelpText('after', examples('cara risk train', 'cara risk train --json'))
    .action(async (options) => (await load()).runRiskTrain(ctx, options));

  risk
    .command('score')
    .description('score a commit, a range or the uncommitted change: probability, band, top factors')
    .argument('[rev]', 'commit to score (default HEAD)')
    .option('--range <a..b>', 'score every commit in a range')
    .option('--staged', 'score the staged change')
    .option('--working', 'score the working tree change (staged and unstaged)')
    .option('--json', 'print the scores as JSON')
    .addHelpText(
      'after',
      examples(
        'cara risk score HEAD --json',
        'cara risk score --range origin/main..HEAD',
        'cara risk score --staged',
      ),
    )
    .action(async (rev: string | undefined, options) => (await load()).runRiskScore(ctx, rev, options));

  risk
    .command('explain')
    .description("show every feature of a commit against the repository's distribution")
    .argument('[rev]', 'commit to explain (default HEAD)')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('cara risk explain HEAD~3'))
    .action(async (rev: string | undefined, options) => (await load()).runRiskExplain(ctx, rev, options));

  risk
    .command('labels')
    .description('list the bug-introducing commits SZZ found, with the fixes that blamed them')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('cara risk labels --json'))
    .action(async (options) => (await load()).runRiskLabels(ctx, options));
}
