import type { TestRunResult } from '../results/index.js';

export type RunnerName = 'vitest' | 'jest' | 'mocha' | 'node-test' | 'junit';

export interface RunOptions {
  root: string;
  /** Repo-relative test files to run; all of the project's test files when absent. */
  files?: readonly string[];
  /** Per test FILE; a file running longer is killed and reported as errored. Default 120000. */
  timeoutMs?: number;
  /** Extra environment variables for the runner process. */
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** Receives the runner's stdout and stderr as they arrive. */
  onOutput?: (chunk: string) => void;
}

/** One test runner: finds out whether a project uses it, lists its test files and runs them. */
export interface RunnerAdapter {
  name: RunnerName;
  /** Is this runner used in the project at root? (package.json devDependencies/scripts, config files) */
  detect(root: string): Promise<boolean>;
  /** The project's test files as repo-relative posix paths, sorted. */
  discover(root: string): Promise<string[]>;
  /** Runs the given test files (or all) with the project's own runner and parses its machine-readable report. */
  run(options: RunOptions): Promise<TestRunResult>;
}

export const DEFAULT_FILE_TIMEOUT_MS = 120_000;
