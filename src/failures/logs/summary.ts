import type { LogReadReport } from './model.js';

/** One human line on what reading a log kept and skipped, for the CLI and reports. */
export function summarizeLogRead(report: Omit<LogReadReport, 'summary'>): string {
  const parts = [`read ${count(report.lines, 'line')} (${formatBytes(report.bytes)}) of ${report.file}`];
  const skipped: string[] = [];
  if (report.binaryChunksSkipped > 0) {
    skipped.push(
      `${count(report.binaryChunksSkipped, 'binary chunk')} skipped (${count(report.binaryLinesSkipped, 'line')})`,
    );
  }
  if (report.truncatedLines > 0) skipped.push(`${count(report.truncatedLines, 'long line')} cut`);
  if (report.invalidUtf8Lines > 0) {
    skipped.push(`${count(report.invalidUtf8Lines, 'line')} not UTF-8 (read as latin1)`);
  }
  if (report.cappedAtBytes) {
    skipped.push(`stopped at ${formatBytes(report.bytes)} of ${formatBytes(report.fileBytes)}`);
  }
  if (!report.complete) skipped.push('not read to the end yet');
  parts.push(skipped.length === 0 ? 'nothing skipped' : skipped.join(', '));
  return parts.join('; ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
