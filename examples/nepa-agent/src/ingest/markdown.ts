/**
 * Markdown to the stored text: headings stay `#` lines (the record extractor reads them), emphasis
 * and link syntax go, and Markdown's comment idiom `[//]: # (...)` becomes an `<!-- -->` comment so
 * hidden content looks the same whatever format it came in.
 */
import { tidy } from './html.js';

/** Converts Markdown to plain text, keeping headings, list markers and comments. */
export function markdownToText(markdown: string): string {
  return tidy(
    markdown
      .replace(/\r\n?/g, '\n')
      .replace(/^\[\/\/\]:\s*#\s*(?:\((.*)\)|"(.*)"|'(.*)')\s*$/gm, (_m, a, b, c) => `<!--${a ?? b ?? c}-->`)
      .replace(/^```.*$/gm, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\(([^)]*)\)/g, '$1 ($2)')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/^\s*[*+]\s+/gm, '- ')
      .replace(/^>\s?/gm, ''),
  );
}
