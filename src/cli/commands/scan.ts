import type { Command } from 'commander';
import { type CliContext, examples } from '../context.js';

export function registerScan(program: Command, ctx: CliContext): void {
  const scan = program
    .command('scan')
    .description('security scans: secrets in the work tree or the whole history, vulnerable dependencies');
  const load = () => import('../actions/scan.js');

  scan
    .command('secrets')
    .description(
      'find credentials (cloud keys, tokens, private keys, passwords) in the files git would commit, or with --history in every commit; exit 1 when any are found',
    )
    .option('--history', 'scan every line ever added in any commit, and say where each secret first appeared')
    .option('--format <format>', 'report format: table, json or sarif', 'table')
    .option('--output <file>', 'write the report to this file (stdout then gets a summary)')
    .option('--json', 'print JSON (the report, or the summary when --output is given)')
    .option(
      '--fail-on <severity>',
      'exit 1 for findings at or above: low, medium, high, critical or none',
      'low',
    )
    .option('--allowlist <file>', 'an extra allowlist file (fingerprint:, path:, regex:, rule: lines)')
    .option('--all-rules', 'run keyword and entropy rules on lockfiles and test fixtures too')
    .addHelpText(
      'after',
      `\nAllowlists: .cara-secrets-allowlist (committed) and .cara/secrets-allowlist (local), one entry a line:\n  fingerprint:<32 hex>   path:<glob>   regex:<pattern matched against the secret>   rule:<rule id>\nA "cara:allow-secret" comment allows the secrets on its line and the next one.\nFiles over 1 MiB and binary files are skipped (and listed).\n${examples(
        'cara scan secrets',
        'cara scan secrets --history --format sarif --output secrets.sarif',
        'cara scan secrets --json --fail-on high',
      )}`,
    )
    .action(async (options) => (await load()).runScanSecrets(ctx, options));

  scan
    .command('deps')
    .description(
      'audit npm dependencies (npm audit) and report vulnerabilities by severity; an unreachable audit service is reported, not a failure',
    )
    .option('--file <audit.json>', 'read a saved `npm audit --json` report instead of running npm')
    .option('--format <format>', 'report format: table, json or sarif', 'table')
    .option('--output <file>', 'write the report to this file (stdout then gets a summary)')
    .option('--json', 'print JSON (the report, or the summary when --output is given)')
    .option(
      '--fail-on <severity>',
      'exit 1 for vulnerabilities at or above: low, medium, high, critical or none',
      'high',
    )
    .addHelpText(
      'after',
      examples('cara scan deps', 'cara scan deps --file audit.json --format sarif --output deps.sarif'),
    )
    .action(async (options) => (await load()).runScanDeps(ctx, options));
}
