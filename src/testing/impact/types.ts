/** Repo-relative posix file -> sorted, merged, 1-based inclusive line ranges. */
export interface LineRanges {
  [file: string]: [number, number][];
}

/**
 * Which source lines each test file executes, taken at one commit. `fileLevel` names, per test file,
 * the files whose ranges are whole-file evidence (run-time transformed code without a source map):
 * any of the file ran, so every line counts as covered.
 */
export interface ImpactMap {
  commit: string | undefined;
  createdAt: string;
  tests: Record<string, LineRanges>;
  fileLevel?: Record<string, string[]>;
}

/** Line coverage plus the files only known at file level. */
export interface CoverageLines {
  lines: LineRanges;
  /** Files covered as a whole because their V8 offsets refer to transformed code with no source map. */
  fileLevel: string[];
}
