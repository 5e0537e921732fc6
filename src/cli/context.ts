import type { CaraEnv } from '../core/index.js';
import type { Output } from './output.js';

/** What every command action receives from the entry point. */
export interface CliContext {
  env: CaraEnv;
  output: Output;
  /** The working directory (after `-C DIR`). */
  cwd(): string;
  /** Sets the process exit code the command ends with (e.g. 1 when verification fails). */
  setExitCode(code: number): void;
}

/** Collects a repeatable option into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Help text with examples, appended after a command's options. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
