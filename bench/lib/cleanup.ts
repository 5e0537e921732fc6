type Task = () => Promise<void> | void;

/** Undo steps run last-in first-out, once, on success, error or Ctrl-C. */
export interface Cleanup {
  /** Registers a step; steps run in reverse order of registration. */
  defer(task: Task): void;
  /** Runs every step once; a failing step is reported on `warn` and the rest still run. */
  run(): Promise<void>;
}

/**
 * Creates a cleanup stack that also runs on SIGINT/SIGTERM (then exits 130/143), so an interrupted
 * benchmark leaves no temp files or database servers behind.
 */
export function createCleanup(warn: (line: string) => void): Cleanup {
  const tasks: Task[] = [];
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= (async () => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      for (const task of tasks.reverse()) {
        try {
          await task();
        } catch (error) {
          warn(`cleanup step failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return running;
  };
  const onSignal = (code: number) => () => {
    warn('interrupted; cleaning up');
    void run().finally(() => process.exit(code));
  };
  const onSigint = onSignal(130);
  const onSigterm = onSignal(143);
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  return {
    defer(task) {
      tasks.push(task);
    },
    run,
  };
}
