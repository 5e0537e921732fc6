/** `POST /documents` (ingest one or many uploads) and `GET /documents/:id`. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ServiceError } from '../errors.js';
import { checkDocument } from '../guard/index.js';
import { type PreparedDocument, prepareUpload, readUploads, storeDocument } from '../ingest/index.js';
import { parseId, type RouteContext } from './context.js';

/** Registers the document routes. */
export function documentRoutes(ctx: RouteContext): Hono {
  const app = new Hono();
  const limitMb = Math.round((ctx.config.maxUploadBytes / 1024 / 1024) * 100) / 100;
  const limit = bodyLimit({
    maxSize: ctx.config.maxUploadBytes,
    onError: () => {
      throw new ServiceError(
        'PAYLOAD_TOO_LARGE',
        `the upload is larger than the ${limitMb} MB limit (MAX_UPLOAD_MB)`,
      );
    },
  });

  app.post('/documents', limit, async (c) => {
    ctx.runtime.repository();
    const uploads = await readUploads(c);
    const prepared: PreparedDocument[] = [];
    for (const upload of uploads) prepared.push(await prepareUpload(upload));
    // One transaction for the whole batch: a failure part-way stores nothing.
    const documents = await ctx.runtime.inTransaction(async (repository) => {
      const stored = [];
      for (const document of prepared)
        stored.push(await storeDocument(repository, document, new Date(ctx.now())));
      return stored;
    });
    for (const document of prepared) {
      ctx.metrics.documentsIngested.inc({ media_type: document.mediaType, version: ctx.metrics.version });
    }
    ctx.retriever.invalidate();
    const { guard } = ctx;
    if (guard === undefined) return c.json({ documents }, 201);
    // The verdicts are recorded, not enforced here: the guarded agent drops the flagged passages.
    const guarded = documents.map((document, i) => ({
      ...document,
      guard: checkDocument(guard, document.title, prepared[i]?.text ?? ''),
    }));
    return c.json({ documents: guarded }, 201);
  });

  app.get('/documents/:id', async (c) => {
    const id = parseId(c.req.param('id'), 'document');
    const document = await ctx.runtime.repository().getDocument(id);
    if (!document) throw new ServiceError('NOT_FOUND', `no document with id ${id}`);
    return c.json(document);
  });
  return app;
}
