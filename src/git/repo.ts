import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CaraError } from '../core/index.js';

const run = promisify(execFile);

/** The top folder of the git work tree containing `cwd`. */
export async function findRepoRoot(cwd: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd });
    return stdout.trim();
  } catch (error) {
    const e = error as { code?: string | number; stderr?: string };
    if (e.code === 'ENOENT' && !e.stderr) {
      throw new CaraError('EXTERNAL_TOOL_MISSING', 'git is not installed or not on PATH', {
        cause: error,
        hint: 'install git (e.g. apt-get install git)',
      });
    }
    throw new CaraError('NOT_A_GIT_REPO', `${cwd} is not inside a git repository`, {
      cause: error,
      hint: 'run `git init` first, or run cara inside your repository (or pass -C DIR)',
    });
  }
}

/** One `git config` value, or undefined when unset. */
export async function gitConfigValue(cwd: string, key: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['config', '--get', key], { cwd });
    const value = stdout.trim();
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}
