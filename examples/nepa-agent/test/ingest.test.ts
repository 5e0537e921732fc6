import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectView } from '../src/db/types.js';
import { createTestApp, multipart, type TestApp } from './support/app.js';
import { openTestDatabase, type TestDatabase } from './support/database.js';
import { EA_MARKDOWN, makeEisPdf } from './support/fixtures.js';

interface Ingested {
  documents: {
    documentId: number;
    projectId: number;
    processId?: number;
    documentType: string;
    title: string;
  }[];
}

describe('POST /documents', () => {
  let db: TestDatabase;
  let t: TestApp;
  let ingested: Ingested;

  beforeAll(async () => {
    db = await openTestDatabase();
    t = createTestApp(db.repository);
    const pdf = await makeEisPdf();
    const response = await t.json<Ingested>(
      '/documents',
      multipart([
        { name: 'silver-basin-feis.pdf', type: 'application/pdf', content: pdf },
        { name: 'cedar-creek-ea.md', type: 'text/markdown', content: EA_MARKDOWN },
      ]),
    );
    expect(response.status).toBe(201);
    ingested = response.body;
  });
  afterAll(() => db.close());

  it('returns one result per file, in order, with the created ids', () => {
    expect(ingested.documents).toHaveLength(2);
    const [eis, ea] = ingested.documents;
    expect(eis).toMatchObject({
      documentType: 'EIS',
      title: 'Final Environmental Impact Statement: Silver Basin Solar Project',
    });
    expect(ea).toMatchObject({ documentType: 'EA' });
    expect(eis?.projectId).not.toBe(ea?.projectId);
  });

  it('extracts the EIS project, process, events and comments from the PDF', async () => {
    const id = ingested.documents[0]?.projectId;
    const { status, body } = await t.json<ProjectView>(`/projects/${id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: 'BLM-NV-2024-0012',
      title: 'Silver Basin Solar Project',
      leadAgency: 'Bureau of Land Management',
      location: 'Clark County, Nevada',
    });
    expect(body.processes).toHaveLength(1);
    const process = body.processes[0];
    expect(process?.type).toBe('EIS');
    const events = process?.events.map((e) => `${e.eventType} ${e.eventDate}`).sort();
    expect(events).toEqual([
      'NOI 2023-01-10',
      'ROD 2024-11-01',
      'comment period closed 2023-08-01',
      'comment period opened 2023-06-02',
    ]);
    expect(body.documents[0]).toMatchObject({
      documentType: 'EIS',
      mediaType: 'application/pdf',
      pageCount: 2,
    });
    expect(body.documents[0]?.publicationDate).toBe('2024-09-12');
    const comments = body.comments.map((c) => [c.commenter, c.receivedDate]);
    expect(comments).toEqual([
      ['Jane Doe', '2023-06-15'],
      ['Nevada Wildlife Coalition', '2023-07-20'],
    ]);
  });

  it('extracts the EA project, FONSI, meeting and comments from Markdown', async () => {
    const id = ingested.documents[1]?.projectId;
    const { body } = await t.json<ProjectView>(`/projects/${id}`);
    expect(body).toMatchObject({
      code: 'FHWA-OR-2024-0301',
      title: 'Cedar Creek Bridge Replacement Project',
      leadAgency: 'Federal Highway Administration',
    });
    expect(body.processes[0]?.type).toBe('EA');
    const events = body.processes[0]?.events.map((e) => `${e.eventType} ${e.eventDate}`).sort();
    expect(events).toEqual([
      'FONSI 2024-05-20',
      'comment period closed 2024-04-03',
      'comment period opened 2024-03-04',
      'public meeting 2024-03-14',
    ]);
    expect(body.comments.map((c) => c.commenter)).toEqual(['Lane County Commissioners', 'Sam Rivera']);
  });

  it('stores the extracted text, readable through GET /documents/:id', async () => {
    const { status, body } = await t.json<{ text: string; title: string }>(
      `/documents/${ingested.documents[0]?.documentId}`,
    );
    expect(status).toBe(200);
    expect(body.text).toContain('500 megawatt solar facility');
    expect(body.text).toContain('Record of Decision');
  });

  it('files a second document of the same project under the existing project and process', async () => {
    const rod = `# Record of Decision: Silver Basin Solar Project\n\nProject ID: BLM-NV-2024-0012\n\nSigned: November 4, 2024\n\nThe Bureau of Land Management selects the preferred alternative.`;
    const { status, body } = await t.json<Ingested>('/documents', {
      method: 'POST',
      headers: { 'content-type': 'text/markdown', 'x-file-name': 'rod.md' },
      body: rod,
    });
    expect(status).toBe(201);
    const [doc] = body.documents;
    expect(doc).toMatchObject({ documentType: 'ROD', projectId: ingested.documents[0]?.projectId });
    expect(doc?.processId).toBe(ingested.documents[0]?.processId);
    const project = await t.json<ProjectView>(`/projects/${doc?.projectId}`);
    const rodEvents = project.body.processes[0]?.events
      .filter((e) => e.eventType === 'ROD')
      .map((e) => e.eventDate);
    expect(rodEvents).toContain('2024-11-04');
  });

  it('lists the projects', async () => {
    const { status, body } = await t.json<{ projects: { code: string }[] }>('/projects');
    expect(status).toBe(200);
    expect(body.projects.map((p) => p.code)).toEqual(
      expect.arrayContaining(['BLM-NV-2024-0012', 'FHWA-OR-2024-0301']),
    );
  });
});
