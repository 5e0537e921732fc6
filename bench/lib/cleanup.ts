import { setImmediate as nextTurn } from 'node:timers/promises';

type Task = () => Promise<void> | void;

/** Thrown at the next safe point after Ctrl-C (SIGINT) or SIGTERM. */
export class InterruptedError extends Error {
  constructor(readonly exitCode: number) {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

/** Undo steps run last-in first-out, once, on success, error or interruption. */
export interface Cleanup {
  /** Aborted (with an InterruptedError) on the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** Registers a step; steps run in reverse order of registration. */
  defer(task: Task): void;
  /** Runs every step once; a failing step is reported on `warn` and the rest still run. */
  run(): Promise<void>;
}

/**
 * Creates a cleanup stack tied to SIGINT/SIGTERM. The first signal aborts `signal`, so the work
 * stops at its next `checkInterrupt` and the caller's `finally` cleans up; a second one exits at once.
 */
export function createCleanup(warn: (line: string) => void): Cleanup {
  const tasks: Task[] = [];
  const controller = new AbortController();
  let running: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signal === 'SIGINT' ? 130 : 143;
    if (controller.signal.aborted) {
      warn('interrupted again; exiting without cleaning up');
      process.exit(code);
    }
    warn('interrupted; stopping and cleaning up (again to exit at once)');
    controller.abort(new InterruptedError(code));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const run = () => {
    running ??= (async () => {
      for (const task of tasks.reverse()) {
        try {
          await task();
        } catch (error) {
          warn(`cleanup step failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    })();
    return running;
  };
  return {
    signal: controller.signal,
    defer(task) {
      tasks.push(task);
    },
    run,
  };
}

/**
 * Lets the event loop turn, then throws if `signal` was aborted. Work over better-sqlite3 resolves
 * every await as a microtask, so without this a signal is not even seen until the run ends.
 */
export async function checkInterrupt(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  await nextTurn();
  signal.throwIfAborted();
}
