/** Which uploads the service reads, decided from the declared content type and the file name. */
import { ServiceError } from '../errors.js';

export type SupportedMediaType = 'text/plain' | 'text/markdown' | 'text/html' | 'application/pdf';

const BY_TYPE: Record<string, SupportedMediaType> = {
  'text/plain': 'text/plain',
  'text/markdown': 'text/markdown',
  'text/x-markdown': 'text/markdown',
  'text/html': 'text/html',
  'application/xhtml+xml': 'text/html',
  'application/pdf': 'application/pdf',
  'application/x-pdf': 'application/pdf',
};

const BY_EXTENSION: Record<string, SupportedMediaType> = {
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
  pdf: 'application/pdf',
};

/** Types that say nothing about the content, so the file name decides. */
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * Resolves an upload's media type from its content type, falling back to the file extension when
 * the type is generic (browsers and curl often send `application/octet-stream`).
 */
export function resolveMediaType(contentType: string | undefined, fileName: string): SupportedMediaType {
  const declared = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const known = BY_TYPE[declared];
  if (known !== undefined) return known;
  if (GENERIC.has(declared)) {
    const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
    const guessed = BY_EXTENSION[extension];
    if (guessed !== undefined) return guessed;
  }
  const what = declared === '' ? 'no content type' : `content type ${declared}`;
  throw new ServiceError(
    'UNSUPPORTED_MEDIA_TYPE',
    `${fileName}: ${what} is not supported; send text/plain, text/markdown, text/html or application/pdf`,
  );
}
