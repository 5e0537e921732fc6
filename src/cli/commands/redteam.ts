import type { Command } from 'commander';
import { type CliContext, collect, examples } from '../context.js';

export function registerRedteam(program: Command, ctx: CliContext): void {
  const redteam = program
    .command('redteam')
    .description('red-team an LLM agent locally: seeded attacks, detectors with evidence, success rates');
  redteam
    .command('run')
    .description('attack a target and report the attack success rate per category, with evidence')
    .requiredOption(
      '--target <url|name>',
      'the target URL, or the name of a target under redteam.targets in cara.config.yaml (flags override its fields)',
    )
    .option(
      '--kind <kind>',
      'http | openai | agent (ingest + ask + tool log under one base URL); default http or the configured kind',
    )
    .option('--plugins <ids>', 'comma-separated attack plugins (default: all)')
    .option('--strategies <ids>', 'comma-separated strategies; "none" for base attacks only (default: all)')
    .option('--seed <n>', 'seed for attack generation', '1')
    .option('--concurrency <n>', 'attacks in flight at once (1 for agent targets with a tool log)', '4')
    .option(
      '--canary <value>',
      "the canary secret planted in the target, to detect its leakage (default: the configured target's)",
    )
    .option('--system-prompt-file <path>', 'the known system prompt, for overlap detection')
    .option(
      '--body-template <json>',
      'http: request body with {{prompt}} (default {"question": "{{prompt}}"})',
    )
    .option('--response-path <path>', 'http: dotted path of the answer (default answer)')
    .option('--model <name>', 'openai: the model name')
    .option('--header <name:value>', 'extra request header (repeatable)', collect)
    .option(
      '--timeout <ms>',
      'per-request timeout in milliseconds (default 30000 or the configured timeoutMs)',
    )
    .option('--max-rate <r>', 'exit 1 when the overall attack success rate is above this (0..1)', '0')
    .option('--format <format>', 'table | json | html (for --output; default from its extension)')
    .option('--output <file>', 'write the report to this file (save JSON runs for `redteam compare`)')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      examples(
        'cara redteam run --target http://localhost:8080 --kind agent --canary "$CANARY_SECRET" --output run.json',
        'cara redteam run --target staging-agent --strategies none   # redteam.targets.staging-agent in cara.config.yaml',
        'cara redteam run --target http://localhost:9000/chat --response-path reply --plugins direct-injection --strategies none',
        'cara redteam run --target http://localhost:8080 --kind agent --format html --output redteam.html',
      ),
    )
    .action(async (options) => (await import('../actions/redteam.js')).runRedteamRun(ctx, options));
  redteam
    .command('compare')
    .description(
      'show regressions between two saved runs (attacks that failed in A and succeed in B); exit 1 if any',
    )
    .argument('<runA>', 'the earlier run (JSON from --output)')
    .argument('<runB>', 'the later run')
    .option('--json', 'print the comparison as JSON')
    .addHelpText('after', examples('cara redteam compare release-1.json release-2.json'))
    .action(async (a: string, b: string, options) =>
      (await import('../actions/redteam.js')).runRedteamCompare(ctx, a, b, options),
    );
}
