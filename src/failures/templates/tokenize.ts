import { WILDCARD } from './mask.js';

/**
 * Most tokens a line keeps. Longer lines keep their first `MAX_TOKENS - 1` tokens and end in one
 * wildcard that stands for the rest, so a pathological line (a minified bundle, a base64 dump)
 * costs bounded time and memory and still groups with its siblings.
 */
export const MAX_TOKENS = 256;

const OTHER_SPACE = /[\t\n\v\f\r]/;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * Splits a line into whitespace-separated tokens (runs of spaces count as one), capped at
 * {@link MAX_TOKENS}. The caller strips ANSI colour codes first.
 */
export function tokenize(line: string, maxTokens: number = MAX_TOKENS): string[] {
  if (!OTHER_SPACE.test(line)) {
    // Only spaces separate tokens (the usual case): the native split is faster than a scan.
    if (line === '') return [];
    const tokens = line.split(' ');
    let kept = tokens.length;
    if (line.includes('  ') || line.charCodeAt(0) === 32 || line.charCodeAt(line.length - 1) === 32) {
      kept = 0;
      for (const token of tokens) if (token !== '') tokens[kept++] = token;
      tokens.length = kept;
    }
    if (kept > maxTokens) {
      tokens.length = maxTokens;
      tokens[maxTokens - 1] = WILDCARD;
    }
    return tokens;
  }
  const tokens: string[] = [];
  const end = line.length;
  let start = -1;
  for (let i = 0; i <= end; i++) {
    const space = i === end || isSpace(line.charCodeAt(i));
    if (!space) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    if (tokens.length === maxTokens - 1 && line.slice(i).trim() !== '') {
      tokens.push(WILDCARD);
      return tokens;
    }
    tokens.push(line.slice(start, i));
    start = -1;
  }
  return tokens;
}
