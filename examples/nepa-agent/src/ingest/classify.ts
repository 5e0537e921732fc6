/** Document and process types from the title, a `Document Type:` label or the opening text. */
import type { ProcessType } from '../db/index.js';
import { labelled } from './sections.js';

/** Phrases match in any case; acronyms only in capitals ("rod" is not a Record of Decision). */
const DOCUMENT_TYPES: [RegExp, RegExp | undefined, string][] = [
  [/record of decision/i, /\bROD\b/, 'ROD'],
  [/notice of intent/i, /\bNOI\b/, 'NOI'],
  [/finding of no significant impact/i, /\bFONSI\b/, 'FONSI'],
  [/notice of availability/i, /\bNOA\b/, 'NOA'],
  [/supplemental (?:draft |final )?environmental impact statement/i, /\bSEIS\b/, 'Supplemental EIS'],
  [/draft environmental impact statement|\bdraft EIS\b/i, /\bDEIS\b/, 'Draft EIS'],
  [/environmental impact statement/i, /\bF?EIS\b/, 'EIS'],
  [/environmental assessment/i, /\bEA\b/, 'EA'],
  [/categorical exclusion/i, /\bCATEX\b|\bCE\b/, 'CE'],
  [/comment letter|public comment/i, undefined, 'comment letter'],
];

const PROCESS_OF: Record<string, ProcessType> = {
  ROD: 'EIS',
  NOI: 'EIS',
  NOA: 'EIS',
  'Supplemental EIS': 'EIS',
  'Draft EIS': 'EIS',
  EIS: 'EIS',
  FONSI: 'EA',
  EA: 'EA',
  CE: 'CE',
};

function match(text: string): string | undefined {
  return DOCUMENT_TYPES.find(([phrase, acronym]) => phrase.test(text) || acronym?.test(text))?.[2];
}

/**
 * The document type: the first of title, `Document Type:` label and the opening 1,500 characters
 * that names one. Order matters: a ROD's text mentions its EIS, so the title is asked first.
 */
export function classifyDocument(title: string, text: string): string {
  const label = labelled(text, 'Document Type|Type of Document');
  return match(title) ?? (label ? match(label) : undefined) ?? match(text.slice(0, 1500)) ?? 'other';
}

/**
 * The NEPA process type: an explicit `Process Type:` / `Level of Review:` label, else implied by the
 * document type, else the review the text mentions first (EIS before EA before CE).
 */
export function classifyProcess(documentType: string, text: string): ProcessType | undefined {
  const label = labelled(
    text,
    'Process Type|NEPA Process|NEPA Pathway|Level of (?:NEPA )?Review|Review Type',
  );
  if (label) {
    const fromLabel = PROCESS_OF[match(label) ?? ''];
    if (fromLabel) return fromLabel;
  }
  const implied = PROCESS_OF[documentType];
  if (implied) return implied;
  if (/environmental impact statement|\bEIS\b/i.test(text)) return 'EIS';
  if (/environmental assessment|\bEA\b/.test(text)) return 'EA';
  if (/categorical exclusion/i.test(text)) return 'CE';
  return undefined;
}
