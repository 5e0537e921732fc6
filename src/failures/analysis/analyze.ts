import { uuidv7 } from '../../core/ids.js';
import type { FailureRecord } from '../extract/model.js';
import { mapFramesToRepo } from '../stack/index.js';
import type { TemplateMiner } from '../templates/index.js';
import { failureSignature } from './signature.js';
import type { AnalyzedFailure } from './store.js';

export interface AnalyzeOptions {
  /** Absolute repository root, as paths in stack traces spell it. */
  root: string;
  /** The repository's files (repo-relative posix), to map frames onto. */
  files: readonly string[];
  miner: TemplateMiner;
}

/**
 * Gives each failure its message template (learned online by the miner, which the caller persists)
 * and its cluster signature (template + top in-repository frames). Frames are mapped to repository
 * files so suspects can be matched with changed lines later.
 */
export function analyzeFailures(
  records: readonly FailureRecord[],
  options: AnalyzeOptions,
): AnalyzedFailure[] {
  return records.map((record) => {
    const frames = mapFramesToRepo(record.stack, { root: options.root, files: options.files });
    const match = options.miner.add(record.message);
    return {
      id: uuidv7(),
      source: record.source,
      ...(record.testId === undefined ? {} : { testId: record.testId }),
      ...(record.file === undefined ? {} : { logFile: record.file }),
      ...(record.lineNo === undefined ? {} : { lineNo: record.lineNo }),
      templateId: match.id,
      template: match.template,
      signature: failureSignature(match.id, frames),
      message: record.message,
      text: record.text,
      frames: frames.map((frame) => ({
        file: frame.file,
        ...(frame.line === undefined ? {} : { line: frame.line }),
        ...(frame.fn === undefined ? {} : { fn: frame.fn }),
        ...(frame.repoFile === undefined ? {} : { repoFile: frame.repoFile }),
      })),
    };
  });
}
