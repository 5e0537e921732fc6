import { type Command, Option } from 'commander';
import { type CliContext, examples } from '../context.js';

const actions = () => import('../actions/deploy.js');
const strategies = ['canary', 'blue-green', 'rolling'];

/** `cara deploy`, `cara approve`, `cara reject`: progressive delivery with gates. */
export function registerDeploy(program: Command, ctx: CliContext): void {
  const deploy = program
    .command('deploy')
    .description(
      'progressive delivery: canary, blue-green or rolling behind a weighted proxy, judged and rolled back automatically',
    );
  deploy
    .command('start')
    .description('deploy a version of a service and drive it to promotion or rollback')
    .requiredOption('--service <name>', 'a service of deploy.services in cara.config.yaml')
    .option('--version <ref>', 'a git ref of this repository (checked out into a worktree)')
    .option('--dir <folder>', 'a folder to run in place instead of a git ref')
    .addOption(
      new Option('--strategy <name>', 'overrides the configured or risk-chosen strategy').choices(strategies),
    )
    .option('--detach', 'start it and return; a background process drives it (see `cara deploy status`)')
    .option('--json', 'print the final deployment as JSON')
    .addHelpText(
      'after',
      examples(
        'cara deploy start --service nepa-agent --version HEAD',
        'cara deploy start --service nepa-agent --version v1.4.0 --strategy blue-green --detach',
      ),
    )
    .action(async (options) => (await actions()).runDeployStart(ctx, options));
  deploy
    .command('status')
    .description('where a deployment is: state, step, live weights, per-metric verdicts and latency')
    .argument('[id]', 'a deployment id (default: the latest, or the active one of --service)')
    .option('--service <name>', 'the latest deployment of this service')
    .option('--watch', 'refresh every second until the deployment ends')
    .option('--json', 'print as JSON')
    .action(async (id, options) =>
      (await import('../actions/deploy-status.js')).runDeployStatus(ctx, id, options),
    );
  deploy
    .command('resume')
    .description('take over a deployment nobody is driving (e.g. after a crash) and drive it to its end')
    .argument('[id]', 'a deployment id (default: the active deployment, if exactly one)')
    .option('--json', 'print the final deployment as JSON')
    .action(async (id, options) => (await actions()).runDeployResume(ctx, id, options));
  deploy
    .command('promote')
    .description(
      'release a pause or skip the current step; --full skips to promotion (never past an approval gate)',
    )
    .argument('<id>', 'a deployment id')
    .option('--full', 'skip every remaining step and promote')
    .option('--comment <text>', 'why, recorded in the audit log')
    .action(async (id, options) => (await actions()).runDeployRequest(ctx, id, 'promote', options));
  deploy
    .command('abort')
    .description('stop a deployment and send all traffic back to the stable version')
    .argument('<id>', 'a deployment id')
    .option('--comment <text>', 'why, recorded in the audit log')
    .action(async (id, options) => (await actions()).runDeployRequest(ctx, id, 'abort', options));
  deploy
    .command('rollback')
    .description('roll a deployment back now, skipping analysis')
    .argument('<id>', 'a deployment id')
    .option('--comment <text>', 'why, recorded in the audit log')
    .action(async (id, options) => (await actions()).runDeployRequest(ctx, id, 'rollback', options));
  deploy
    .command('history')
    .description('past and current deployments, newest first')
    .option('--service <name>', 'only this service')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print as JSON')
    .action(async (options) => (await actions()).runDeployHistory(ctx, options));

  deploy
    .command('stop')
    .description('take a service down: drain and stop its instances and shut its proxy down')
    .requiredOption('--service <name>', 'a service of deploy.services')
    .action(async (options) => (await actions()).runDeployStop(ctx, options));

  program
    .command('approve')
    .description('approve the gate a deployment waits at (needs an approver role; not your own deployment)')
    .argument('<id>', 'a deployment id')
    .option('--comment <text>', 'recorded in the audit log')
    .option('--json', 'print the recorded decision as JSON (errors as a JSON object with their code)')
    .action(async (id, options) => (await actions()).runApproval(ctx, id, 'approve', options));
  program
    .command('reject')
    .description('reject the gate a deployment waits at: it is aborted and rolled back')
    .argument('<id>', 'a deployment id')
    .option('--comment <text>', 'recorded in the audit log')
    .option('--json', 'print the recorded decision as JSON (errors as a JSON object with their code)')
    .action(async (id, options) => (await actions()).runApproval(ctx, id, 'reject', options));

  const demo = program
    .command('demo')
    .description('end-to-end demonstrations on the bundled reference agent');
  demo
    .command('deploy')
    .description(
      'in a temporary workspace: deploy the reference agent, promote a good canary under load, then roll back a bad one automatically',
    )
    .option('--keep', 'keep the temporary workspace and print its path')
    .option('--interval <seconds>', 'analysis interval of each canary step', '10')
    .option('--json', 'print the summary as JSON')
    .action(async (options) => (await import('../actions/demo-deploy.js')).runDemoDeploy(ctx, options));
}
