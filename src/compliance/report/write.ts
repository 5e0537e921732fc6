/** Writes a report in the requested formats to a folder, one `compliance-<timestamp>.<ext>` per format. */
import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CaraError, messageOf } from '../../core/index.js';
import type { ComplianceReportData } from './data.js';
import { renderComplianceHtml } from './html.js';
import { toOscalAssessmentResults } from './oscal.js';

export const REPORT_FORMATS = ['html', 'json', 'oscal'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const EXTENSION: Record<ReportFormat, string> = { html: 'html', json: 'json', oscal: 'oscal.json' };

/** `html,json` or `["html", "oscal"]` -> formats, in order, without repeats; USAGE for an unknown one. */
export function parseReportFormats(given: string | readonly string[] | undefined): ReportFormat[] {
  const items = (typeof given === 'string' ? [given] : (given ?? ['html']))
    .flatMap((item) => item.split(','))
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
  const formats: ReportFormat[] = [];
  for (const item of items) {
    if (!(REPORT_FORMATS as readonly string[]).includes(item))
      throw new CaraError('USAGE', `Unknown report format "${item}".`, {
        hint: `use --format with one or more of ${REPORT_FORMATS.join(', ')} (comma-separated)`,
      });
    if (!formats.includes(item as ReportFormat)) formats.push(item as ReportFormat);
  }
  return formats.length > 0 ? formats : ['html'];
}

/** Creates `dir` when missing and checks it can be written; USAGE naming the folder otherwise. */
export async function ensureReportDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new CaraError('USAGE', `Cannot write reports to ${dir}: ${messageOf(error)}`, {
      hint: 'give a writable folder with --out DIR',
      cause: error,
    });
  }
}

/** The report in one format, as file text. */
export function formatComplianceReport(data: ComplianceReportData, format: ReportFormat): string {
  if (format === 'html') return renderComplianceHtml(data);
  const value = format === 'json' ? data : toOscalAssessmentResults(data);
  return `${JSON.stringify(value, null, 2)}\n`;
}

export interface WrittenReport {
  format: ReportFormat;
  path: string;
}

/**
 * Writes one file per format into `dir`, named after the report time; never overwrites an existing
 * file (a second report in the same second gets `-2`, `-3`, ...). USAGE when the folder is not writable.
 */
export async function writeComplianceReports(
  data: ComplianceReportData,
  formats: readonly ReportFormat[],
  dir: string,
): Promise<WrittenReport[]> {
  await ensureReportDir(dir);
  const stamp = data.generatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const written: WrittenReport[] = [];
  for (const format of formats) {
    const text = formatComplianceReport(data, format);
    for (let n = 1; ; n += 1) {
      const path = join(dir, `compliance-${stamp}${n === 1 ? '' : `-${n}`}.${EXTENSION[format]}`);
      try {
        await writeFile(path, text, { flag: 'wx' });
        written.push({ format, path });
        break;
      } catch (error) {
        if ((error as { code?: string }).code === 'EEXIST') continue;
        throw new CaraError('USAGE', `Cannot write ${path}: ${messageOf(error)}`, {
          hint: 'give a writable folder with --out DIR',
          cause: error,
        });
      }
    }
  }
  return written;
}
