/**
 * `npm start`: read the environment, start the service, and handle the process edges — SIGTERM
 * and SIGINT drain and exit 0, CRASH_AFTER_S exits 1 on purpose, bad settings (or a GUARD_MODULE
 * that cannot be loaded) exit 1 with the reason.
 */
import { openDatabase, seedDemo, seedViolations } from './db/index.js';
import { readProcessEnv } from './env.js';
import { type LoadedGuard, loadGuardModule } from './guard/index.js';
import { createService } from './service.js';

const { config, errors } = readProcessEnv();
if (errors.length > 0) {
  process.stderr.write(`nepa-agent: invalid settings\n${errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}

const log = (line: string) => process.stdout.write(`${line}\n`);
let guard: LoadedGuard | undefined;
if (config.guardModule !== undefined && config.agentMode === 'naive') {
  log(`GUARD_MODULE is ignored: AGENT_MODE=naive takes no guard`);
} else if (config.guardModule !== undefined) {
  try {
    guard = await loadGuardModule(config.guardModule);
  } catch (error) {
    process.stderr.write(
      `nepa-agent: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
const service = createService(config, {
  openDatabase,
  seeds: { demo: seedDemo, violations: seedViolations },
  log,
  ...(guard ? { guard } : {}),
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) {
    log(`${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  log(`${signal}: draining (up to ${config.shutdownTimeoutMs} ms)`);
  const { drained } = await service.stop();
  log(drained ? 'drained; bye' : 'drain timed out; closed the remaining connections');
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}\n`);
});

if (config.faults.crashAfterS !== undefined) {
  const seconds = config.faults.crashAfterS;
  setTimeout(() => {
    process.stderr.write(`CRASH_AFTER_S=${seconds}: exiting with code 1 on purpose\n`);
    process.exit(1);
  }, seconds * 1000);
}

service.start().catch((error: unknown) => {
  process.stderr.write(
    `nepa-agent: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
