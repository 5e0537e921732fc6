import type { Command } from 'commander';
import { type CliContext, collect, examples } from '../context.js';

export function registerAudit(program: Command, ctx: CliContext): void {
  const audit = program
    .command('audit')
    .description('the tamper-evident audit trail: record, list, verify, prove, checkpoint');
  const load = () => import('../actions/audit.js');

  audit
    .command('record')
    .description('append an event (for CI steps and other tools) and sign a checkpoint')
    .requiredOption('--type <type>', 'event type from the catalogue (see `cara audit types`)')
    .requiredOption('--outcome <outcome>', 'success or failure')
    .option('--reason <text>', 'why it failed or succeeded')
    .option('--subject <subject>', 'what the event is about (a commit, a deployment, a table)')
    .option('--actor <actor>', 'who did it (default: CARA_ACTOR, git user.email, OS user)')
    .option('--detail <key=value>', 'a detail; repeat for more', collect, [])
    .option('--json', 'print the recorded event as JSON')
    .addHelpText(
      'after',
      examples(
        'cara audit record --type test.run --outcome success --subject "$GITHUB_SHA" --detail suite=unit --detail passed=412',
        'cara audit record --type approval.grant --outcome success --subject deploy/42 --actor alice@agency.gov',
      ),
    )
    .action(async (options) => (await load()).runAuditRecord(ctx, options));

  audit
    .command('log')
    .description('list events, oldest first')
    .option('--since <time>', 'only events at or after this ISO time or date')
    .option('--type <type>', 'only this type; `deploy.` or `deploy.*` for a category')
    .option('--actor <actor>', 'only events by this actor')
    .option('--limit <n>', 'only the newest n events')
    .option('--json', 'print events as JSON')
    .addHelpText(
      'after',
      examples('cara audit log --since 2026-01-01 --type deploy.*', 'cara audit log --json --limit 20'),
    )
    .action(async (options) => (await load()).runAuditLog(ctx, options));

  audit
    .command('verify')
    .description('recompute every leaf, node and root; check every checkpoint; exit 1 at the first bad event')
    .option(
      '--checkpoint <file>',
      'also check against a checkpoint kept outside the store; repeatable',
      collect,
      [],
    )
    .option(
      '--key <file>',
      'also trust this verifier key (name+id+key) for checkpoints; repeatable',
      collect,
      [],
    )
    .option('--record', 'append the result to the log as an audit.verify event')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      examples(
        'cara audit verify',
        'cara audit verify --checkpoint /mnt/escrow/checkpoint-000000001024.txt --json',
      ),
    )
    .action(async (options) => (await load()).runAuditVerify(ctx, options));

  audit
    .command('prove')
    .description('print an inclusion proof of an event against the latest checkpoint')
    .argument('<event>', 'event id, or its index in the log')
    .option('--json', 'print the proof as JSON')
    .addHelpText(
      'after',
      examples('cara audit prove 0198f1c2-7a3b-7c00-8000-1234567890ab', 'cara audit prove 41 --json'),
    )
    .action(async (event: string, options) => (await load()).runAuditProve(ctx, event, options));

  audit
    .command('consistency')
    .description('prove that the log still extends an older checkpoint (RFC 6962 consistency proof)')
    .argument('<checkpoint-file>', 'an older checkpoint note')
    .option('--json', 'print the proof as JSON')
    .addHelpText('after', examples('cara audit consistency old-checkpoint.txt --json'))
    .action(async (file: string, options) => (await load()).runAuditConsistency(ctx, file, options));

  audit
    .command('checkpoint')
    .description('sign the current tree head (C2SP checkpoint note) and print it')
    .option('--out <file>', 'also write the note to this file (keep it somewhere the store is not)')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('cara audit checkpoint --out /mnt/escrow/latest.txt'))
    .action(async (options) => (await load()).runAuditCheckpoint(ctx, options));

  audit
    .command('key')
    .description("print the verifier key that checks this log's checkpoints")
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('cara audit key > audit.vkey'))
    .action(async (options) => (await load()).runAuditKey(ctx, options));

  audit
    .command('types')
    .description('list the event type catalogue (FedRAMP AU-2 events)')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('cara audit types'))
    .action(async (options) => (await load()).runAuditTypes(ctx, options));
}
