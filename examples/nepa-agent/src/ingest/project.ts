/** Project identity from a document: code, title, lead agency and location. */
import { labelled } from './sections.js';

export interface ExtractedProject {
  code: string;
  title: string;
  leadAgency?: string;
  location?: string;
  /** Where the code came from: a label, an identifier-shaped token, or derived from the title. */
  codeSource: 'label' | 'pattern' | 'derived';
}

const AGENCIES = [
  'Bureau of Land Management',
  'Forest Service',
  'National Park Service',
  'Bureau of Reclamation',
  'Fish and Wildlife Service',
  'Bureau of Indian Affairs',
  'Bureau of Ocean Energy Management',
  'Army Corps of Engineers',
  'Department of Energy',
  'Federal Highway Administration',
  'Federal Transit Administration',
  'Federal Aviation Administration',
  'Federal Railroad Administration',
  'Federal Energy Regulatory Commission',
  'Nuclear Regulatory Commission',
  'Environmental Protection Agency',
  'National Oceanic and Atmospheric Administration',
  'Department of Transportation',
  'Department of Defense',
  'Tennessee Valley Authority',
];

const CODE_LABELS =
  'Project (?:ID|Code|Number|No\\.?|Identifier)|Agency Project (?:ID|Number)|NEPA (?:ID|Number|No\\.?)|EIS (?:Number|No\\.?)|EA (?:Number|No\\.?)';
/** Agency-style identifiers: BLM-NV-2024-0012, DOE/EIS-0550, DOI-BLM-NV-S010-2024-0012-EA. */
const CODE_PATTERN = /\b[A-Z]{2,8}(?:[-/][A-Z0-9]{1,12}){2,6}\b/g;
const TYPE_PREFIX =
  /^(?:draft |final |supplemental |revised )*(?:environmental impact statement|environmental assessment|record of decision|notice of intent|finding of no significant impact|categorical exclusion)\s*(?:[:—–-]\s*|for the\s+|on the\s+)/i;
const TITLE_PHRASE = /\b(?:for|on|of) the ((?:[A-Z0-9][\w'’.&-]*\s+){0,8}Project)\b/;

function findCode(text: string): Pick<ExtractedProject, 'code' | 'codeSource'> | undefined {
  const label = labelled(text, CODE_LABELS)?.match(/^[A-Za-z0-9][A-Za-z0-9./_-]{2,60}/)?.[0];
  if (label) return { code: label.toUpperCase(), codeSource: 'label' };
  const token = [...text.slice(0, 3000).matchAll(CODE_PATTERN)].map((m) => m[0]).find((t) => /\d/.test(t));
  return token ? { code: token, codeSource: 'pattern' } : undefined;
}

function findTitle(text: string, documentTitle: string): string {
  const label = labelled(text, 'Project(?: Name| Title)?');
  if (label && !/^[A-Z0-9./_-]+$/.test(label)) return label;
  const phrase = text.slice(0, 3000).match(TITLE_PHRASE)?.[1];
  if (phrase) return phrase.replace(/\s+/g, ' ');
  const line = text
    .split('\n')
    .slice(0, 8)
    .map((l) =>
      l
        .replace(/^#+\s*/, '')
        .replace(TYPE_PREFIX, '')
        .trim(),
    )
    .find((l) => /\bProject$/.test(l) && l.length <= 120);
  return line ?? documentTitle;
}

function findAgency(text: string): string | undefined {
  const label = labelled(text, 'Lead (?:Federal )?Agency|Agency|Prepared by|Responsible Agency');
  if (label) return label;
  const opening = text.slice(0, 4000);
  const known = AGENCIES.map((name) => ({ name, at: opening.indexOf(name) }))
    .filter((a) => a.at >= 0)
    .sort((a, b) => a.at - b.at)[0];
  if (!known) return undefined;
  const prefixed = opening.slice(Math.max(0, known.at - 5), known.at);
  return prefixed.endsWith('U.S. ') ? `U.S. ${known.name}` : known.name;
}

/** A stable code from the title, so documents of one project without a code still land together. */
export function deriveCode(title: string): string {
  const slug = title
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  return `PRJ-${slug || 'UNTITLED'}`;
}

/** Extracts the project a document belongs to. */
export function extractProject(text: string, documentTitle: string): ExtractedProject {
  const title = findTitle(text, documentTitle);
  const project: ExtractedProject = {
    ...(findCode(text) ?? { code: deriveCode(title), codeSource: 'derived' }),
    title,
  };
  const agency = findAgency(text);
  if (agency) project.leadAgency = agency;
  const location = labelled(text, 'Location|Project Location|State');
  if (location) project.location = location;
  return project;
}
