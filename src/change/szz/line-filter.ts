/** C preprocessor (and C#) directives start with '#' but are code, not comments. */
const DIRECTIVE =
  /^#\s*(?:include|define|undef|if|ifdef|ifndef|elif|else|endif|pragma|import|error|warning|line|region|endregion)\b/;

/**
 * False for lines a bug cannot live in: blank lines and comment-only lines (`//`, `#`, `/*`,
 * ` * ` continuation lines, `*\/`, `<!-- -->`). SZZ blames only the lines that remain.
 */
export function isMeaningfulLine(text: string): boolean {
  const line = text.trim();
  if (line === '') return false;
  if (line.startsWith('//') || line.startsWith('/*') || line.startsWith('*/')) return false;
  if (line === '*' || /^\*\s/.test(line)) return false; // a block comment's continuation, not `*ptr = x`
  if (line.startsWith('<!--') || line === '-->') return false;
  if (line.startsWith('#') && !line.startsWith('#[') && !DIRECTIVE.test(line)) return false;
  return true;
}

/** Ascending line numbers as inclusive ranges of consecutive lines, for `git blame -L`. */
export function toRanges(lines: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const line of lines) {
    const last = ranges.at(-1);
    if (last && line === last[1] + 1) last[1] = line;
    else ranges.push([line, line]);
  }
  return ranges;
}
