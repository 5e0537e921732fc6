/** Dates as NEPA documents write them ("March 3, 2024", "3 March 2024", "2024-03-03", "03/03/2024"). */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DATE = new RegExp(
  [
    `\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`,
    `\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`,
    '\\b(\\d{4})-(\\d{2})-(\\d{2})\\b',
    '\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b',
  ].join('|'),
  'gi',
);

export interface FoundDate {
  /** ISO date (YYYY-MM-DD). */
  iso: string;
  index: number;
  length: number;
}

function monthNumber(name: string): number {
  const prefix = name.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((month) => month.startsWith(prefix)) + 1;
}

function iso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day || year < 1900 || year > 2200) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Every valid date in the text, in order. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const match of text.matchAll(DATE)) {
    const g = match.slice(1).map((value) => value ?? '');
    let value: string | undefined;
    if (g[0]) value = iso(Number(g[2]), monthNumber(g[0]), Number(g[1]));
    else if (g[4]) value = iso(Number(g[5]), monthNumber(g[4]), Number(g[3]));
    else if (g[6]) value = iso(Number(g[6]), Number(g[7]), Number(g[8]));
    else if (g[9]) value = iso(Number(g[11]), Number(g[9]), Number(g[10]));
    if (value !== undefined) found.push({ iso: value, index: match.index, length: match[0].length });
  }
  return found;
}

/** The first date in the text, as an ISO date. */
export function firstDate(text: string): string | undefined {
  return findDates(text)[0]?.iso;
}
