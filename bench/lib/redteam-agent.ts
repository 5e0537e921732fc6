/** Starts the reference agent (examples/nepa-agent) as a child process for the red-team benchmark. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const AGENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'nepa-agent');

export interface RunningAgent {
  url: string;
  stop(): Promise<void>;
}

/** Starts the agent in `mode` on a free port with an empty temp database; resolves once /readyz is 200. */
export async function startAgent(mode: 'naive' | 'guarded', canary: string): Promise<RunningAgent> {
  const dataDir = mkdtempSync(join(tmpdir(), `cara-bench-redteam-${mode}-`));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: AGENT_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      SEED: 'none',
      AGENT_MODE: mode,
      CANARY_SECRET: canary,
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGKILL');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = out.match(/listening on (http:\/\/\S+)/);
        if (match?.[1]) resolve(match[1]);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        err += chunk.toString();
      });
      void exited.then(() => reject(new Error(`the agent exited before listening: ${err}`)));
    });
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${url}/readyz`).catch(() => undefined))?.status !== 200) {
      if (Date.now() > deadline) throw new Error('the agent did not become ready within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
