import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, type TestApp } from './support/app.js';
import { openTestDatabase, type TestDatabase } from './support/database.js';
import { EA_MARKDOWN, makeEisPdf } from './support/fixtures.js';

interface ErrorBody {
  error: { code: string; message: string };
}

function expectErrorShape(body: unknown): void {
  expect(Object.keys(body as object)).toEqual(['error']);
  expect(Object.keys((body as ErrorBody).error).sort()).toEqual(['code', 'message']);
}

describe('bad input', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await openTestDatabase();
    t = createTestApp(db.repository, { MAX_UPLOAD_MB: '0.01' });
  });
  afterAll(() => db.close());

  it('answers 413 for an upload over the limit (declared length)', async () => {
    const { status, body } = await t.json<ErrorBody>('/documents', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'content-length': String(20_000) },
      body: 'x'.repeat(20_000),
    });
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(body.error.message).toMatch(/MAX_UPLOAD_MB/);
  });

  it('answers 413 for a streamed upload without a length, counted while streaming', async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 200_000) return controller.close();
        sent += 4096;
        controller.enqueue(new Uint8Array(4096).fill(65));
      },
    });
    const init = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: stream, duplex: 'half' };
    const response = await t.request('/documents', init as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(200_000);
  });

  it('answers 415 for an unsupported type, naming the file', async () => {
    const raw = await t.json<ErrorBody>('/documents', {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: 'PK',
    });
    expect(raw.status).toBe(415);
    const parts = await t.json<ErrorBody>(
      '/documents',
      multipart([{ name: 'map.png', type: 'image/png', content: 'png' }]),
    );
    expect(parts.status).toBe(415);
    expect(parts.body.error.message).toContain('map.png');
    expectErrorShape(parts.body);
  });

  it('answers 400 for a corrupt PDF, naming it, and stores nothing of the batch', async () => {
    const before = (await t.json<{ projects: unknown[] }>('/projects')).body.projects.length;
    const pdf = await makeEisPdf();
    const { status, body } = await t.json<ErrorBody>(
      '/documents',
      multipart([
        { name: 'fine.md', type: 'text/markdown', content: EA_MARKDOWN },
        { name: 'broken.pdf', type: 'application/pdf', content: pdf.slice(0, 300) },
      ]),
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('CORRUPT_PDF');
    expect(body.error.message).toContain('broken.pdf');
    expect((await t.json<{ projects: unknown[] }>('/projects')).body.projects).toHaveLength(before);
  });

  it('answers 400 for garbage labelled as PDF, an empty body and a missing file field', async () => {
    const garbage = await t.json<ErrorBody>('/documents', {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', 'x-file-name': 'scan.pdf' },
      body: 'definitely not a pdf',
    });
    expect(garbage.body.error).toMatchObject({ code: 'CORRUPT_PDF' });
    expect(garbage.body.error.message).toContain('scan.pdf');
    const empty = await t.json<ErrorBody>('/documents', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
    });
    expect(empty.status).toBe(400);
    const form = new FormData();
    form.append('other', 'x');
    const missing = await t.json<ErrorBody>('/documents', { method: 'POST', body: form });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('"file"');
  });

  it('answers 400 for malformed JSON and bad fields, 415 for a non-JSON question', async () => {
    const post = (body: string, type = 'application/json') =>
      t.json<ErrorBody>('/ask', { method: 'POST', headers: { 'content-type': type }, body });
    const malformed = await post('{"question": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_JSON');
    expect((await post('{"question": 42}')).body.error.code).toBe('INVALID_FIELD');
    expect((await post('[]')).body.error.code).toBe('INVALID_FIELD');
    expect((await post('{"question": "x", "confirm": "yes"}')).body.error.message).toContain('confirm');
    expect((await post('question=x', 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it('answers 404 for unknown ids and routes, 400 for ids that are not ids', async () => {
    for (const path of ['/projects/99999', '/documents/99999', '/nowhere']) {
      const { status, body } = await t.json<ErrorBody>(path);
      expect(status).toBe(404);
      expectErrorShape(body);
    }
    expect((await t.request('/projects/abc')).status).toBe(400);
  });

  it('never answers 500 to random bytes in any supported type', async () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (const type of ['application/pdf', 'text/html', 'text/markdown', 'text/plain']) {
      for (let round = 0; round < 5; round++) {
        const bytes = Uint8Array.from({ length: 200 + (next() % 800) }, () => next() % 256);
        const response = await t.request('/documents', {
          method: 'POST',
          headers: { 'content-type': type },
          body: bytes,
        });
        expect(response.status, `${type} round ${round}`).toBeLessThan(500);
      }
    }
  });
});
