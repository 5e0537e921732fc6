import { isExceptionLine } from './patterns.js';

const MAX_MESSAGE = 500;
export const DEFAULT_MAX_TEXT = 4000;

const NOT_A_MESSAGE = [
  /^(?:>\s*)?\d*\s*\|/, // code frames: `> 5 |   expect(...)`, `5| expect`
  /^\^+$/,
  /^(?:_ )+_?$/,
  /^[-=_⎯~*]{3,}$/,
  /^Traceback \(most recent call last\):$/,
  /^(?:During handling of the above|The above exception was)/,
];
const LOG_LEVEL_PREFIX = /^(?:\[(?:ERROR|FATAL)\] ?|##\[error\])/;

/** True when a trimmed line could be the message of a failure (not a code frame, caret or separator). */
export function isMessageCandidate(trimmed: string): boolean {
  return trimmed !== '' && !NOT_A_MESSAGE.some((pattern) => pattern.test(trimmed));
}

/**
 * The first meaningful line of some failure text: for a Python traceback the exception at its end,
 * otherwise the first line that is not blank, a code frame or a separator.
 */
export function firstMeaningfulLine(lines: readonly string[]): string | undefined {
  const trimmed = lines.map((line) => line.trim());
  if (trimmed.includes('Traceback (most recent call last):')) {
    const exception = trimmed.findLast((line) => isExceptionLine(line));
    if (exception !== undefined) return tidyMessage(exception);
  }
  const first = trimmed.find(isMessageCandidate);
  return first === undefined ? undefined : tidyMessage(first);
}

/** A message without log-level prefixes, capped to one readable line. */
export function tidyMessage(line: string): string {
  const message = line.trim().replace(LOG_LEVEL_PREFIX, '').trim();
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
}

/** The record text: the message and then the stack lines, capped at `max` characters. */
export function recordText(message: string, stackLines: readonly string[], max: number): string {
  const text = [message, ...stackLines.map((line) => line.trim())].join('\n');
  return text.length > max ? text.slice(0, max) : text;
}
