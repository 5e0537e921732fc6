/**
 * Runs the CLI entry point in this process (no build needed), capturing what it prints.
 */
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CaraEnv } from '../../src/core/index.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCaraInProcess(
  dir: string,
  env: CaraEnv,
  args: readonly string[],
): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await main(['node', 'cara', ...args], {
    cwd: dir,
    env,
    output: { out: stream((s) => (stdout += s)), err: stream((s) => (stderr += s)), color: false },
  });
  process.exitCode = 0;
  return { code, stdout, stderr };
}
