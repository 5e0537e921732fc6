/**
 * Case events (NOI, ROD, FONSI, notices of availability, comment periods, public meetings,
 * extensions): a sentence or line that names the event and carries a date gives one event.
 */
import { findDates } from './dates.js';

export interface ExtractedEvent {
  eventType: string;
  /** ISO date. */
  eventDate: string;
  description: string;
}

/** Phrases in any case, acronyms in capitals only. */
const EVENTS: [string, RegExp][] = [
  ['NOI', /(?:[Nn]otice [Oo]f [Ii]ntent|\bNOI\b)/],
  ['ROD', /(?:[Rr]ecord [Oo]f [Dd]ecision|\bROD\b)/],
  ['FONSI', /(?:[Ff]inding [Oo]f [Nn]o [Ss]ignificant [Ii]mpact|\bFONSI\b)/],
  ['NOA', /(?:[Nn]otice [Oo]f [Aa]vailability|\bNOA\b)/],
  ['public meeting', /(?:[Pp]ublic (?:[Mm]eeting|[Hh]earing)|[Ss]coping [Mm]eeting)/],
  ['extension', /\b(?:[Ee]xtended|[Ee]xtension)\b/],
];
const COMMENT_PERIOD = /comment period/i;

function pieces(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.split(/(?<=[.;])\s+(?=[A-Z])/))
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 0);
}

function commentPeriod(piece: string, dates: string[]): ExtractedEvent[] {
  const description = piece.slice(0, 300);
  const [first, second] = dates;
  if (first === undefined) return [];
  if (second !== undefined && /\b(?:to|through|until|and)\b|–|-/.test(piece)) {
    return [
      { eventType: 'comment period opened', eventDate: first, description },
      { eventType: 'comment period closed', eventDate: second, description },
    ];
  }
  if (/\b(?:clos|end)/i.test(piece))
    return [{ eventType: 'comment period closed', eventDate: first, description }];
  return [{ eventType: 'comment period opened', eventDate: first, description }];
}

/** Extracts dated case events, de-duplicated by type and date, in text order. */
export function extractEvents(text: string): ExtractedEvent[] {
  const events: ExtractedEvent[] = [];
  const seen = new Set<string>();
  const add = (event: ExtractedEvent) => {
    const key = `${event.eventType}|${event.eventDate}`;
    if (seen.has(key)) return;
    seen.add(key);
    events.push(event);
  };
  for (const piece of pieces(text)) {
    const dates = findDates(piece).map((d) => d.iso);
    if (dates.length === 0) continue;
    if (COMMENT_PERIOD.test(piece)) {
      commentPeriod(piece, dates).forEach(add);
      continue;
    }
    for (const [eventType, pattern] of EVENTS) {
      if (pattern.test(piece)) {
        add({ eventType, eventDate: dates[0] as string, description: piece.slice(0, 300) });
      }
    }
  }
  return events;
}
