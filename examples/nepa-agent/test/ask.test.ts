import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, type TestApp } from './support/app.js';
import { openTestDatabase, type TestDatabase } from './support/database.js';
import { EA_MARKDOWN, makeEisPdf } from './support/fixtures.js';

interface AskBody {
  answer: string;
  citations: { documentId: number; title: string; snippet: string }[];
  mode: string;
  answeredBy: string;
}

describe('POST /ask (extractive)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let eisId: number;
  let eaId: number;

  beforeAll(async () => {
    db = await openTestDatabase();
    t = createTestApp(db.repository);
    const { body } = await t.json<{ documents: { documentId: number }[] }>(
      '/documents',
      multipart([
        { name: 'feis.pdf', type: 'application/pdf', content: await makeEisPdf() },
        { name: 'ea.md', type: 'text/markdown', content: EA_MARKDOWN },
      ]),
    );
    eisId = body.documents[0]?.documentId ?? 0;
    eaId = body.documents[1]?.documentId ?? 0;
  });
  afterAll(() => db.close());

  it('answers from the best sentence and cites the document it came from', async () => {
    const { status, body } = await t.ask<AskBody>('When was the Notice of Intent published?');
    expect(status).toBe(200);
    expect(body.mode).toBe('guarded');
    expect(body.answeredBy).toBe('extractive');
    expect(body.answer).toContain('January 10, 2023');
    expect(body.citations[0]).toMatchObject({ documentId: eisId });
    expect(body.citations[0]?.snippet).toContain('Notice of Intent');
  });

  it('finds the answer in the other document for another question', async () => {
    const { body } = await t.ask<AskBody>('Why must the Cedar Creek bridge be replaced?');
    expect(body.citations.map((c) => c.documentId)).toContain(eaId);
    expect(body.answer).toMatch(/structurally deficient/);
  });

  it('says so when nothing matches, without citations', async () => {
    const { body } = await t.ask<AskBody>('zeppelin quasar xylophone');
    expect(body.citations).toEqual([]);
    expect(body.answer).toMatch(/nothing in the NEPA records/);
  });
});
