/**
 * The rule-based NEPA record extractor: from a document's text to the project, process, document,
 * comments and case events it describes. Deterministic and explainable: every field comes from a
 * label, a heading or a pattern documented in the README.
 */
import type { ProcessType } from '../db/index.js';
import { classifyDocument, classifyProcess } from './classify.js';
import { type ExtractedComment, extractComments } from './comments.js';
import { firstDate } from './dates.js';
import { type ExtractedEvent, extractEvents } from './events.js';
import { type ExtractedProject, extractProject } from './project.js';
import { headingOf, labelled } from './sections.js';

export interface ExtractedRecords {
  project: ExtractedProject;
  processType?: ProcessType;
  document: { title: string; documentType: string; publicationDate?: string };
  comments: ExtractedComment[];
  events: ExtractedEvent[];
}

const TYPE_ONLY =
  /^(?:draft |final |supplemental |revised )*(?:environmental impact statement|environmental assessment|record of decision|notice of intent|finding of no significant impact)$/i;
const EVENT_FOR_TYPE: Record<string, string> = { ROD: 'ROD', NOI: 'NOI', FONSI: 'FONSI', NOA: 'NOA' };

/** The title: the first heading or line; a bare type line ("Final EIS") takes the next line too. */
export function documentTitle(text: string, fallback: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('<!--'));
  const first = lines[0];
  if (first === undefined) return fallback;
  const title = (headingOf(first) ?? first).slice(0, 200);
  const next = lines[1] === undefined ? undefined : (headingOf(lines[1]) ?? lines[1]);
  if (TYPE_ONLY.test(title) && next !== undefined && !next.includes(':') && next.length <= 160) {
    return `${title}: ${next.replace(/^(?:for|on) the /i, '')}`;
  }
  return title;
}

/** Extracts every record a document implies; `fileName` names it when the text has no title. */
export function extractRecords(text: string, fileName: string): ExtractedRecords {
  const title = documentTitle(text, fileName);
  const documentType = classifyDocument(title, text);
  const processType = classifyProcess(documentType, text);
  const published =
    firstDate(
      labelled(text, 'Publication Date|Date of Publication|Date Issued|Issued|Published|Signed|Date') ?? '',
    ) ?? firstDate(text.slice(0, 600));
  const events = extractEvents(text);
  const own = EVENT_FOR_TYPE[documentType];
  if (own !== undefined && published !== undefined && !events.some((e) => e.eventType === own)) {
    events.unshift({ eventType: own, eventDate: published, description: `${title} (publication date)` });
  }
  const records: ExtractedRecords = {
    project: extractProject(text, title),
    document: { title, documentType },
    comments: extractComments(text, documentType),
    events,
  };
  if (processType !== undefined) records.processType = processType;
  if (published !== undefined) records.document.publicationDate = published;
  return records;
}
