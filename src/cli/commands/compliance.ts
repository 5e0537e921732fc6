import type { Command } from 'commander';
import { type CliContext, examples } from '../context.js';

/** `cara compliance`: NEPA data-standard and statutory checks against a live database. */
export function registerCompliance(program: Command, ctx: CliContext): void {
  const compliance = program
    .command('compliance')
    .description('compliance checks: NEPA entities against the CEQ data standard and 42 U.S.C. 4336a');
  compliance
    .command('nepa')
    .description(
      'validate the 13 CEQ NEPA entities (schema, data, statutory deadlines and page limits) in a database; exit 1 on any violation',
    )
    .option('--template <file>', 'nepa-entity-validation-template.yml (rules, parameters, table names)')
    .option('--database-url <url>', 'a PostgreSQL database (postgres://user@host:port/db)')
    .option('--pglite <dir>', 'an embedded PGlite data directory')
    .option(
      '--json-file <file>',
      "a JSON export of NEPA records, validated against the standard's JSON Schema",
    )
    .option(
      '--schema <file>',
      "the standard's JSON Schema for --json-file (default: nepa.schema.json beside the template's crosswalk)",
    )
    .option('--crosswalk <file>', "the CEQ database crosswalk CSV (overrides the template's)")
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      examples(
        'cara compliance nepa --pglite ./nepa-data --template deployment/compliance-templates/nepa-entity-validation-template.yml',
        'cara compliance nepa --database-url postgres://cara@127.0.0.1:5432/nepa --json',
      ),
    )
    .action(async (options) => (await import('../actions/compliance.js')).runComplianceNepa(ctx, options));
  compliance
    .command('check')
    .description(
      'evaluate the compliance templates (federal controls, audit trail, deployments, approvals, rollbacks, NEPA); exit 1 when a control fails',
    )
    .option('--template <file...>', 'evaluate these templates (with --dir: in addition to the folder)')
    .option(
      '--templates-dir <dir>',
      'the template folder (default: deployment/compliance-templates; --dir is the global -C)',
    )
    .option('--database-url <url>', 'a PostgreSQL NEPA database for the NEPA template (else not assessed)')
    .option('--pglite <dir>', 'an embedded PGlite NEPA database for the NEPA template')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      examples(
        'cara compliance check',
        'cara compliance check --template deployment/compliance-templates/government-security-baseline.yml --json',
        'cara compliance check --pglite ./nepa-data',
      ),
    )
    .action(async (options) =>
      (await import('../actions/compliance-check.js')).runComplianceCheck(ctx, options),
    );
}
