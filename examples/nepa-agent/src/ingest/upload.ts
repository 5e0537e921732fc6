/**
 * Reads the uploads of a `POST /documents` request: multipart `file` fields (one or many), or a
 * raw body with its own content type and an optional `x-file-name` header.
 */
import type { Context } from 'hono';
import { ServiceError } from '../errors.js';
import type { Upload } from './ingest.js';

const EXTENSION: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/markdown': 'md',
  'text/html': 'html',
  'text/plain': 'txt',
};

async function multipartUploads(c: Context): Promise<Upload[]> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch (error) {
    throw new ServiceError('BAD_REQUEST', 'the multipart body could not be parsed; check the boundary', {
      cause: error,
    });
  }
  const files = form.getAll('file');
  if (files.length === 0) {
    throw new ServiceError(
      'INVALID_FIELD',
      'multipart field "file" is missing: send one or more files as "file"',
    );
  }
  const uploads: Upload[] = [];
  for (const [index, entry] of files.entries()) {
    if (typeof entry === 'string') {
      uploads.push({
        fileName: `file-${index + 1}.txt`,
        contentType: 'text/plain',
        bytes: new TextEncoder().encode(entry),
      });
    } else {
      const fileName = entry.name || `file-${index + 1}`;
      uploads.push({ fileName, contentType: entry.type, bytes: new Uint8Array(await entry.arrayBuffer()) });
    }
  }
  return uploads;
}

/** The uploads in a request, in the order they were sent. */
export async function readUploads(c: Context): Promise<Upload[]> {
  const contentType = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data/i.test(contentType)) return multipartUploads(c);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw new ServiceError('BAD_REQUEST', 'the request body is empty: send a document');
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const fileName = c.req.header('x-file-name') ?? `upload.${EXTENSION[mediaType] ?? 'bin'}`;
  return [{ fileName, contentType, bytes }];
}
