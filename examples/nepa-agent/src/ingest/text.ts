/** One upload to its plain text, whatever format it came in. */
import { ServiceError } from '../errors.js';
import { htmlToText } from './html.js';
import { markdownToText } from './markdown.js';
import type { SupportedMediaType } from './media.js';
import { extractPdfText } from './pdf.js';

export interface ExtractedText {
  text: string;
  pageCount?: number;
}

function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/**
 * Extracts the text of one upload. Invisible characters (zero-width, Unicode tags) are kept on
 * purpose: they are part of what was sent, and the agent modes differ in what they do with them.
 */
export async function extractText(
  bytes: Uint8Array,
  mediaType: SupportedMediaType,
  fileName: string,
): Promise<ExtractedText> {
  let result: ExtractedText;
  if (mediaType === 'application/pdf') result = await extractPdfText(bytes, fileName);
  else if (mediaType === 'text/html') result = { text: htmlToText(decodeUtf8(bytes)) };
  else if (mediaType === 'text/markdown') result = { text: markdownToText(decodeUtf8(bytes)) };
  else result = { text: decodeUtf8(bytes).replace(/\r\n?/g, '\n').trim() };
  // PostgreSQL text cannot hold NUL, and other control characters are noise.
  result.text = result.text.replace(/\p{Cc}/gu, (char) => (char === '\n' || char === '\t' ? char : ''));
  // A comment stays on one line, so passages never cut it in two.
  result.text = result.text.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/\s+/g, ' '));
  if (result.text.replace(/<!--[\s\S]*?-->/g, '').trim() === '') {
    const hint = mediaType === 'application/pdf' ? ' (a scanned PDF without a text layer?)' : '';
    throw new ServiceError('EMPTY_DOCUMENT', `${fileName}: no text found${hint}`);
  }
  return result;
}
