import type { Command } from 'commander';
import { type CliContext, examples } from '../context.js';

/** `cara report`: reports written to files for people and for other tools. */
export function registerReport(program: Command, ctx: CliContext): void {
  const report = program.command('report').description('write reports to files (HTML, JSON, OSCAL)');
  report
    .command('compliance')
    .description(
      'evaluate the compliance templates and write the result as HTML, JSON and/or an OSCAL assessment-results document, with the signed audit checkpoint it was computed against',
    )
    .option('--format <formats>', 'html, json or oscal; several comma-separated (default: html)')
    .option('--out <dir>', 'the folder the report files go to (default: .cara/reports)')
    .option(
      '--template <file...>',
      'evaluate these templates (with --templates-dir: in addition to the folder)',
    )
    .option('--templates-dir <dir>', 'the template folder (default: deployment/compliance-templates)')
    .option('--database-url <url>', 'a PostgreSQL NEPA database (else the NEPA rules are not assessed)')
    .option('--pglite <dir>', 'an embedded PGlite NEPA database')
    .option('--json', 'print the written files and totals as JSON')
    .addHelpText(
      'after',
      examples(
        'cara report compliance',
        'cara report compliance --format html,oscal --out build/compliance',
        'cara report compliance --format json --pglite ./nepa-data',
      ),
    )
    .action(async (options) => (await import('../actions/report.js')).runReportCompliance(ctx, options));
}
