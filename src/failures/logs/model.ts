/** One cleaned line of a CI log. */
export interface LogLine {
  /** 1-based physical line number in the log (skipped lines still count). */
  lineNo: number;
  /** The text without ANSI codes, progress overwrites or CI prefixes. */
  text: string;
  /** The job/worker/service prefix the line carried (`worker 3`, `app_1`, `pkg-a:test`), if any. */
  source?: string;
}

/** What reading a log file kept and what it skipped. */
export interface LogReadReport {
  file: string;
  /** Lines emitted. */
  lines: number;
  /** Bytes read (at most `maxBytes`). */
  bytes: number;
  /** Size of the file when reading started. */
  fileBytes: number;
  /** Lines cut at `maxLineLength`. */
  truncatedLines: number;
  /** Runs of consecutive binary lines (NUL bytes or mostly control bytes) that were skipped. */
  binaryChunksSkipped: number;
  /** Lines inside those runs. */
  binaryLinesSkipped: number;
  /** Lines that were not valid UTF-8 and were decoded as latin1. */
  invalidUtf8Lines: number;
  /** True when the file was larger than `maxBytes` and the rest was not read. */
  cappedAtBytes: boolean;
  /** True once the stream has been read to its end (or to the cap). */
  complete: boolean;
  /** One human line on what was skipped or altered, e.g. "read 120 lines; 2 binary chunks skipped". */
  summary: string;
}

export interface ReadLogLinesOptions {
  /** Characters kept per line; longer lines are cut and counted. Default 4096. */
  maxLineLength?: number;
  /** Stop reading after this many bytes and report the cap. Default: read everything. */
  maxBytes?: number;
}

/** A stream of log lines whose report fills in while it is read. */
export interface LogLineStream extends AsyncIterable<LogLine> {
  /** A snapshot of the counters; `complete` is false until the stream has been read to its end. */
  report(): LogReadReport;
}
