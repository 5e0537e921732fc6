import type { StackFrame } from '../stack/index.js';

/** One failure found in test results or in a CI log. */
export interface FailureRecord {
  source: 'test' | 'log';
  /** The test's stable id (`file::suite > path::name`) when it is known. */
  testId?: string;
  /** The log file the failure was found in. */
  file?: string;
  /** 1-based line of the log where the failure block starts. */
  lineNo?: number;
  /** The first meaningful error line, e.g. `AssertionError: expected 3 to be 4`. */
  message: string;
  stack: StackFrame[];
  /** The message and the stack lines, capped at `maxTextLength`: what clustering and templates read. */
  text: string;
}

export interface FailuresFromLogOptions {
  /** The log file name, copied into each record. */
  file?: string;
  /** At most this many records (default 200); the rest of the log is still read. */
  maxFailures?: number;
  /** Cap on `text` in characters (default 4000). */
  maxTextLength?: number;
  /** Lines one failure block may span before it is closed (default 300). */
  maxBlockLines?: number;
}

export interface FailuresFromTestResultsOptions {
  /** Cap on `text` in characters (default 4000). */
  maxTextLength?: number;
}
