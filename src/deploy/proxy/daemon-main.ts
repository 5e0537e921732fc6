/**
 * Process entry of the proxy daemon: `node daemon-main.js <state-dir>`. Started detached by
 * `ensureProxyDaemon`, with stdout and stderr going to the state directory's proxy.log.
 */
import { isCaraError, messageOf } from '../../core/errors.js';
import { PORT_IN_USE_EXIT_CODE, runProxyDaemon } from './daemon.js';

const stateDir = process.argv[2];
if (stateDir === undefined || stateDir === '') {
  process.stderr.write('usage: daemon-main <state-dir>\n');
  process.exit(64);
}

try {
  const daemon = await runProxyDaemon(stateDir);
  const stop = (): void => {
    daemon.stop().catch((error: unknown) => {
      process.stderr.write(`shutdown failed: ${messageOf(error)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Detached from any terminal; a hang-up of the spawning session must not stop the proxy.
  process.on('SIGHUP', () => {});
  await daemon.closed;
  process.exit(0);
} catch (error) {
  const code = isCaraError(error) ? error.code : 'INTERNAL';
  const hint = isCaraError(error) && error.hint !== undefined ? `\n  hint: ${error.hint}` : '';
  process.stderr.write(`${new Date().toISOString()} ${code}: ${messageOf(error)}${hint}\n`);
  process.exit(isCaraError(error) && error.code === 'DEPLOY_PORT_IN_USE' ? PORT_IN_USE_EXIT_CODE : 1);
}
