import { spawn } from 'node:child_process';

export interface RunProcessOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Kill the process (and its children) after this many milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
}

/** The process options of one runner batch: the run's root, env, signal and output sink, with a time limit. */
export function batchProcessOptions(
  options: {
    root: string;
    env?: Record<string, string>;
    signal?: AbortSignal;
    onOutput?: (chunk: string) => void;
  },
  timeoutMs: number,
): RunProcessOptions {
  return {
    cwd: options.root,
    timeoutMs,
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onOutput === undefined ? {} : { onOutput: options.onOutput }),
  };
}

export interface ProcessResult {
  exitCode: number | null;
  timedOut: boolean;
  /** stdout and stderr, interleaved, as the process wrote them. */
  output: string;
}

/** Variables an enclosing test runner sets that would change how a nested runner behaves. */
const NESTED_RUNNER_VARIABLE = /^(VITEST|JEST_WORKER_ID$|NODE_TEST_CONTEXT$)/;

/**
 * Runs a command in its own process group, so a timeout or abort kills the runner and its workers.
 * The child inherits the environment (minus a parent test runner's markers) plus `env`.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunProcessOptions,
): Promise<ProcessResult> {
  // The child's environment is the one place outside core/env.ts that copies process.env: a runner
  // needs PATH, HOME and the rest unchanged.
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!NESTED_RUNNER_VARIABLE.test(key)) env[key] = value;
  }
  Object.assign(env, options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let timedOut = false;
    const onChunk = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      options.onOutput?.(text);
    };
    child.stdout.on('data', onChunk);
    child.stderr.on('data', onChunk);

    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup();
          }, options.timeoutMs);
    const onAbort = (): void => killGroup();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanUp = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };

    child.on('error', (error) => {
      cleanUp();
      reject(error);
    });
    child.on('close', (exitCode) => {
      cleanUp();
      // Workers of a killed runner may still hold the pipes; make sure they are gone too.
      if (timedOut || options.signal?.aborted) killGroup();
      resolve({ exitCode, timedOut, output });
    });
  });
}

/** The last lines of a process's output, for error messages. */
export function outputTail(output: string, lines = 20): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}
