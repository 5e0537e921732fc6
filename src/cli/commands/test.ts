import type { Command } from 'commander';
import { type CliContext, collect, examples } from '../context.js';

export function registerTest(program: Command, ctx: CliContext): void {
  const test = program
    .command('test')
    .description('test intelligence: run and record tests, find flaky ones, quarantine, shard');
  const load = () => import('../actions/test.js');

  test
    .command('run')
    .description(
      'run the tests a change needs (or --all, or --file), record the results, exit 1 on real failures',
    )
    .option('--runner <name>', 'vitest, jest, mocha, node-test (default: config, else detected)')
    .option('--all', 'run every test')
    .option('--file <path>', 'run only this test file; repeatable', collect, [])
    .option('--base <rev>', 'select for the working tree against this revision (default HEAD)')
    .option('--changed <file>', 'select for these changed files; repeatable', collect, [])
    .option('--confidence <p>', 'selection confidence (e.g. 0.95)')
    .option('--budget <duration>', 'selection time budget (e.g. 90s, 5m)')
    .option('--max <n>', 'at most n test files')
    .option('--retries <n>', 'rerun failing test files up to n times to tell flaky from broken', '1')
    .option('--timeout <ms>', 'kill a test file that runs longer than this', '120000')
    .option('--json', 'print the run as JSON')
    .addHelpText(
      'after',
      examples(
        'cara test run',
        'cara test run --all --retries 2 --json',
        'cara test run --base origin/main --budget 5m',
      ),
    )
    .action(async (options) => (await load()).runTestRun(ctx, options));

  test
    .command('select')
    .description('choose the tests a change needs, most likely to fail first, each with the evidence')
    .option('--base <rev>', 'the change is the working tree against this revision (default HEAD)')
    .option('--changed <file>', 'the change is these files (instead of git); repeatable', collect, [])
    .option('--confidence <p>', 'add tests until the chance of missing a failure is below 1-p (e.g. 0.95)')
    .option('--budget <duration>', 'keep the best tests within this time (e.g. 90s, 5m)')
    .option('--max <n>', 'at most n test files')
    .option('--runner <name>', 'runner used to list the test files (default: detected)')
    .option('--json', 'print the selection as JSON')
    .addHelpText(
      'after',
      examples(
        'cara test select --base origin/main --confidence 0.95',
        'cara test select --changed src/math.ts --json',
      ),
    )
    .action(async (options) => (await load()).runTestSelect(ctx, options));

  test
    .command('impact')
    .description(
      'collect the impact map: run each test file alone under V8 coverage, store the lines it runs',
    )
    .option('--runner <name>', 'vitest, jest, mocha, node-test (default: config, else detected)')
    .option('--file <path>', 'refresh only this test file; repeatable', collect, [])
    .option('--stale', 'refresh only the entries that are missing or stale against HEAD')
    .option('--json', 'print a summary as JSON')
    .addHelpText(
      'after',
      examples('cara test impact', 'cara test impact --stale', 'cara test impact --file test/math.test.js'),
    )
    .action(async (options) => (await load()).runTestImpact(ctx, options));

  test
    .command('list')
    .description('list the test files the runner finds, or with --cases every test case (found statically)')
    .option('--runner <name>', 'vitest, jest, mocha, node-test (default: config, else detected)')
    .option('--cases', 'list the test cases with their ids and lines')
    .option('--json', 'print the listing as JSON')
    .addHelpText('after', examples('cara test list', 'cara test list --cases --json'))
    .action(async (options) => (await load()).runTestList(ctx, options));

  test
    .command('learn')
    .description(
      'retrain the test-failure model from every recorded run (each `cara test run` also updates it)',
    )
    .option('--json', 'print the model summary and its evaluation as JSON')
    .addHelpText('after', examples('cara test learn', 'cara test learn --json'))
    .action(async (options) => (await load()).runTestLearn(ctx, options));

  test
    .command('flaky')
    .description('classify tests from the recorded history: stable, flaky, broken, with the evidence')
    .option('--all', 'list every test, not only flaky and broken ones')
    .option('--json', 'print the verdicts as JSON')
    .addHelpText('after', examples('cara test flaky', 'cara test flaky --json'))
    .action(async (options) => (await load()).runTestFlaky(ctx, options));

  const quarantine = test
    .command('quarantine')
    .description('quarantined tests still run and are reported, but never fail a run');
  quarantine
    .command('add')
    .description('quarantine a test (by id or file) with a reason and an expiry')
    .argument('<test>', 'test id (see `cara test flaky --all --json`) or test file')
    .requiredOption('--reason <text>', 'why, e.g. a ticket')
    .option('--expires <days>', 'days until the quarantine lapses (at most 90)', '14')
    .addHelpText(
      'after',
      examples(
        'cara test quarantine add "test/api.test.ts::api > retries::times out" --reason "JIRA-12, network mock"',
      ),
    )
    .action(async (id: string, options) => (await load()).runQuarantineAdd(ctx, id, options));
  quarantine
    .command('remove')
    .description('release a test from quarantine')
    .argument('<test>', 'test id or file')
    .addHelpText('after', examples('cara test quarantine remove test/api.test.ts'))
    .action(async (id: string) => (await load()).runQuarantineRemove(ctx, id));
  quarantine
    .command('list')
    .description('list quarantined tests, their reasons and expiries')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('cara test quarantine list --json'))
    .action(async (options) => (await load()).runQuarantineList(ctx, options));

  test
    .command('shard')
    .description('split the test files into balanced shards by historical duration (longest first)')
    .requiredOption('--total <n>', 'number of shards')
    .option('--index <i>', 'print the files of shard i (0-based)')
    .option('--runner <name>', 'runner used to list the test files (default: detected)')
    .option('--matrix', 'print a GitHub Actions matrix for --total shards')
    .option('--json', 'print the plan as JSON')
    .addHelpText(
      'after',
      examples('cara test shard --total 4 --index 0', 'cara test shard --total 4 --matrix'),
    )
    .action(async (options) => (await load()).runTestShard(ctx, options));
}
