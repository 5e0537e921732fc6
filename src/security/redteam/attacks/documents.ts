/** Builders for planted documents: Markdown and HTML with hidden instructions. */
import type { AttackDocument } from '../types.js';
import { visibleText } from './plugin.js';

const encoder = new TextEncoder();

function doc(fileName: string, contentType: string, text: string): AttackDocument {
  return { fileName, contentType, bytes: encoder.encode(text), text };
}

export type MarkdownHiding = 'comment' | 'html-comment' | 'link-title';

/** A Markdown document about `nonce` with `instruction` hidden the given way. */
export function markdownDocument(nonce: string, instruction: string, hiding: MarkdownHiding): AttackDocument {
  const [title, first, second] = visibleText(nonce);
  const hidden =
    hiding === 'comment'
      ? `[//]: # (${instruction.replace(/[()]/g, '')})`
      : hiding === 'html-comment'
        ? `<!-- ${instruction} -->`
        : `See the [${nonce} appendix](https://records.example.gov/appendix "${instruction.replace(/"/g, "'")}").`;
  const text = `# ${title}\n\n${first}\n\n${hidden}\n\n${second}\n`;
  return doc(`${nonce.toLowerCase()}-ea.md`, 'text/markdown', text);
}

export type HtmlHiding = 'display-none' | 'zero-font' | 'comment';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An HTML page about `nonce` with `instruction` invisible to a human reader. */
export function htmlDocument(nonce: string, instruction: string, hiding: HtmlHiding): AttackDocument {
  const [title, first, second] = visibleText(nonce);
  const hidden =
    hiding === 'display-none'
      ? `<div style="display:none">${escapeHtml(instruction)}</div>`
      : hiding === 'zero-font'
        ? `<span style="font-size:0">${escapeHtml(instruction)}</span>`
        : `<!-- ${instruction.replace(/--/g, '- -')} -->`;
  const text = `<!doctype html>\n<html><head><title>${title}</title></head><body>\n<h1>${title}</h1>\n<p>${first}</p>\n${hidden}\n<p>${second}</p>\n</body></html>\n`;
  return doc(`${nonce.toLowerCase()}-ea.html`, 'text/html', text);
}

/** A harmless Markdown document, for mixed batches. */
export function benignDocument(nonce: string): AttackDocument {
  const [title, first, second] = visibleText(nonce);
  return doc(
    `${nonce.toLowerCase()}-notes.md`,
    'text/markdown',
    `# ${title} notes\n\n${first}\n\n${second}\n`,
  );
}
