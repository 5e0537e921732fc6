// ANSI escape sequences are control characters by definition, so the patterns below must contain them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\|$)/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const CSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: two-byte escapes such as ESC ( B or ESC 7
const OTHER_ESCAPE = /\u001b[ -/]*[0-~]?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: whatever control bytes remain are noise
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: fast check for any of the above
const NEEDS_CLEANING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Removes ANSI colour and cursor codes (CSI), OSC sequences (titles, hyperlinks keep their text) and stray control characters. */
export function stripAnsi(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(OSC, '').replace(CSI, '').replace(OTHER_ESCAPE, '').replace(CONTROL, '');
}

/**
 * The visible text of one raw log line: ANSI codes removed, and for carriage-return progress
 * output only the last non-blank segment, which is what a terminal would have shown last.
 */
export function cleanLogText(raw: string): string {
  if (!NEEDS_CLEANING.test(raw)) return raw.trimEnd();
  const segments = raw.split('\r');
  for (let index = segments.length - 1; index >= 0; index--) {
    const visible = stripAnsi(segments[index] ?? '').trimEnd();
    if (visible.trim() !== '') return visible;
  }
  return '';
}

const GHA_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z(?: |$)/;
/** `[2024-05-01 12:00:00]`, `[12:00:01.123]`: bracketed clock times some CI wrappers print. */
const BRACKET_TIMESTAMP = /^\[(?:\d{4}-\d\d-\d\d[T ])?\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\] ?/;
const BRACKET = /^\[([A-Za-z0-9][\w .:/@#-]{0,40})\] ?/;
const COMPOSE = /^([A-Za-z0-9][\w.-]{0,62}?) +\| ?/;
const TURBO = /^(@?[\w.-]+(?:\/[\w.-]+)?:[A-Za-z][\w-]*(?::[\w-]+)*): ?/;
/** Bracketed words that are log levels or counters, not the name of a job or worker. */
const NOT_A_SOURCE =
  /^(?:info|warn(?:ing)?|err(?:or)?|debug|trace|fatal|notice|crit(?:ical)?|success|ok|fail(?:ed|ure)?|pass(?:ed)?|skip(?:ped)?|todo|note|verbose|log|x|help \d+|object \w+|\d+\/\d+|[\w.]*(?:Error|Exception)\b.*)$/i;

/**
 * Splits the CI prefixes off a cleaned line: GitHub Actions and bracketed timestamps are dropped, and a
 * job/worker prefix (`[worker 3] `, docker-compose `app_1  | `, turbo `pkg-a:test: `) becomes the
 * `source`, so interleaved parallel output can be separated again.
 */
export function splitLinePrefix(text: string): { text: string; source?: string } {
  let rest = text;
  const stamp = GHA_TIMESTAMP.exec(rest);
  if (stamp !== null) rest = rest.slice(stamp[0].length);
  const bracketStamp = BRACKET_TIMESTAMP.exec(rest);
  if (bracketStamp !== null) rest = rest.slice(bracketStamp[0].length);
  for (const pattern of [BRACKET, COMPOSE, TURBO]) {
    const match = pattern.exec(rest);
    const name = match?.[1]?.trim();
    if (match === null || name === undefined || name === '') continue;
    if (NOT_A_SOURCE.test(name) || NOT_A_SOURCE.test(name.split(':')[0] ?? '')) continue;
    if (pattern === BRACKET && name.includes(': ')) continue;
    return { text: rest.slice(match[0].length), source: name };
  }
  return { text: rest };
}
