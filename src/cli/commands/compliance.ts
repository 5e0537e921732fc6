import type { Command } from 'commander';
import { type CliContext, collect, examples } from '../context.js';

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
  compliance
    .command('retention')
    .description(
      'list what the retention policies expire (dry run); --apply archives it into a signed bundle, deletes it and audits the deletion',
    )
    .option('--apply', 'archive, then delete, what expired (default: only list it)')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      examples(
        'cara compliance retention',
        'cara compliance retention --apply --json',
        'cara compliance retention verify .cara/archive/retention-20270101T000000Z-0123456789ab',
      ),
    )
    .action(async (options) =>
      (await import('../actions/compliance-retention.js')).runComplianceRetention(ctx, options),
    )
    .command('verify')
    .description("check a retention bundle's signature, digest and archived audit events; exit 1 if not")
    .argument('<bundle>', 'the bundle folder')
    .option(
      '--key <file>',
      'trust this verifier key (`cara audit key`) instead of the repository key; repeatable',
      collect,
      [],
    )
    .option('--json', 'print the report as JSON')
    // `--json` after the bundle is parsed by `retention` itself: read it from there too.
    .action(async (bundle: string, _options, command: Command) =>
      (await import('../actions/compliance-retention.js')).runRetentionVerify(
        ctx,
        bundle,
        command.optsWithGlobals(),
      ),
    );
}
