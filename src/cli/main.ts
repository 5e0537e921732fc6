import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { type CaraEnv, CaraError, readEnv } from '../core/index.js';
import { registerAudit } from './commands/audit.js';
import { registerCompliance } from './commands/compliance.js';
import { registerConfig } from './commands/config.js';
import { registerDeploy } from './commands/deploy.js';
import { registerFailures } from './commands/failures.js';
import { registerGraph } from './commands/graph.js';
import { registerGuard } from './commands/guard.js';
import { registerInit } from './commands/init.js';
import { registerRedteam } from './commands/redteam.js';
import { registerReport } from './commands/report.js';
import { registerRisk } from './commands/risk.js';
import { registerScan } from './commands/scan.js';
import { registerTest } from './commands/test.js';
import type { CliContext } from './context.js';
import { line, type Output, processOutput } from './output.js';

export const VERSION = '0.1.0';

export interface MainOptions {
  env?: CaraEnv;
  output?: Output;
  cwd?: string;
}

/** Builds the command tree. Command groups load their implementation only when run. */
export function buildProgram(ctx: CliContext, setCwd: (dir: string) => void): Command {
  const program = new Command('cara')
    .description('CARA DevOps: an AI-driven delivery pipeline with a tamper-evident audit trail')
    .version(VERSION, '-V, --version')
    // Program options only before the command, so `deploy start --version REF` is the command's.
    .enablePositionalOptions()
    .option('-C, --dir <path>', 'run as if started in this directory')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.output.out.write(s),
      writeErr: (s) => ctx.output.err.write(s),
    })
    .hook('preAction', (command) => {
      const dir = command.optsWithGlobals().dir as string | undefined;
      if (dir) setCwd(dir);
    });
  registerInit(program, ctx);
  registerConfig(program, ctx);
  registerAudit(program, ctx);
  registerRisk(program, ctx);
  registerGraph(program, ctx);
  registerTest(program, ctx);
  registerFailures(program, ctx);
  registerGuard(program, ctx);
  registerCompliance(program, ctx);
  registerScan(program, ctx);
  registerRedteam(program, ctx);
  registerDeploy(program, ctx);
  registerReport(program, ctx);
  program.addHelpText(
    'after',
    '\nExamples:\n  $ cara init\n  $ cara risk score HEAD\n  $ cara test run\n  $ cara failures suspects\n  $ cara redteam run --kind agent --target http://localhost:8080\n  $ cara audit verify\n',
  );
  return program;
}

/** The CLI entry point: parses argv, runs one command, maps every failure to a message and exit code. */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const env = options.env ?? readEnv();
  const output = options.output ?? processOutput(env.noColor);
  let cwd = options.cwd ?? process.cwd();
  let exitCode = 0;
  const ctx: CliContext = {
    env,
    output,
    cwd: () => cwd,
    setExitCode: (n) => {
      exitCode = n;
    },
  };
  const program = buildProgram(ctx, (dir) => {
    cwd = resolve(cwd, dir);
  });
  let code: number;
  try {
    if (argv.length <= 2) program.outputHelp();
    else await program.parseAsync(argv);
    code = exitCode;
  } catch (error) {
    const known = error instanceof CommanderError || error instanceof CaraError;
    const translated = known ? error : (await import('../store/index.js')).translateStoreError(error);
    code = report(translated, output, argv.includes('--json'), env.logLevel === 'debug');
  }
  process.exitCode = code;
  return code;
}

function report(error: unknown, output: Output, asJson: boolean, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    ) {
      return 0;
    }
    return 2;
  }
  const caraError =
    error instanceof CaraError
      ? error
      : new CaraError(
          'INTERNAL',
          `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
          {
            cause: error,
            exitCode: 1,
            hint: 'this is a bug in cara; rerun with CARA_LOG_LEVEL=debug for the stack trace and report it',
          },
        );
  line(output.err, `error: ${caraError.message}`);
  if (caraError.hint) line(output.err, `hint: ${caraError.hint}`);
  if (caraError.code === 'INTERNAL' && debug && error instanceof Error) {
    line(output.err, error.stack);
  }
  if (asJson) {
    line(
      output.out,
      JSON.stringify({
        error: { code: caraError.code, message: caraError.message, hint: caraError.hint ?? null },
      }),
    );
  }
  return caraError.exitCode;
}
