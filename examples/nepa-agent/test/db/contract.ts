/**
 * The behaviour every backend must show, registered as tests by the PGlite and the PostgreSQL test
 * files: repository round-trip, input errors, seeds and their idempotence.
 */
import { expect, it } from 'vitest';
import {
  DatabaseError,
  MISSING_DOCUMENT_ID,
  NEPA_TABLES,
  type NepaDatabase,
  SEEDED_VIOLATIONS,
  seedDemo,
  seededRowId,
  seedViolations,
} from '../../src/db/index.js';

const PROVENANCE = {
  recordOwnerAgency: 'BLM',
  dataSourceAgency: 'BLM',
  dataSourceSystem: 'ePlanning',
  dataRecordVersion: '3',
  lastUpdated: '2024-05-01T12:30:00.000Z',
  retrievedTimestamp: '2024-05-02T08:00:00.000Z',
};

/** Registers the contract tests; `open` returns a fresh, empty, migrated database. */
export function repositoryContract(open: () => Promise<NepaDatabase>): void {
  it('round-trips every entity of the contract through the repository', async () => {
    const db = await open();
    try {
      const repo = db.repository;
      const projectId = await repo.upsertProject({
        code: 'BLM-NV-2024-0012',
        title: 'Test solar',
        description: 'd',
        sector: 'energy',
        sponsor: 'S LLC',
        leadAgency: 'BLM',
        location: 'Clark County, NV',
        ...PROVENANCE,
      });
      const again = await repo.upsertProject({
        code: 'BLM-NV-2024-0012',
        title: 'ignored',
        dataRecordVersion: '4',
      });
      expect(again).toBe(projectId);
      const processId = await repo.createProcess({
        projectId,
        type: 'EIS',
        status: 'underway',
        leadAgency: 'BLM',
        startDate: '2024-01-15',
        completionDate: '2025-12-31',
      });
      const documentId = await repo.createDocument({
        processId,
        projectId,
        title: 'Draft EIS',
        documentType: 'Draft EIS',
        mediaType: 'application/pdf',
        publicationDate: '2024-06-01',
        pageCount: 140,
        text: 'Chapter 1. Purpose and need — grüße ✓',
      });
      const looseDocumentId = await repo.createDocument({
        title: 'Loose',
        documentType: 'other',
        mediaType: 'text/plain',
        text: 'x',
      });
      const commentId = await repo.createComment({
        processId,
        documentId,
        commenter: 'A. Person',
        text: 'Please extend.',
        receivedDate: '2024-06-20',
      });
      const eventId = await repo.createCaseEvent({
        processId,
        eventType: 'NOI',
        eventDate: '2024-01-15',
        description: 'published',
      });
      const timedEventId = await repo.createCaseEvent({
        processId,
        eventType: 'public meeting',
        eventDate: '2024-02-01T18:00:00Z',
      });

      const view = await repo.getProject(projectId);
      expect(view).toEqual({
        id: projectId,
        code: 'BLM-NV-2024-0012',
        title: 'Test solar',
        description: 'd',
        sector: 'energy',
        sponsor: 'S LLC',
        leadAgency: 'BLM',
        location: 'Clark County, NV',
        ...PROVENANCE,
        dataRecordVersion: '4',
        processes: [
          {
            id: processId,
            projectId,
            type: 'EIS',
            status: 'underway',
            leadAgency: 'BLM',
            startDate: '2024-01-15',
            completionDate: '2025-12-31',
            events: [
              { id: eventId, processId, eventType: 'NOI', eventDate: '2024-01-15', description: 'published' },
              {
                id: timedEventId,
                processId,
                eventType: 'public meeting',
                eventDate: '2024-02-01T18:00:00.000Z',
              },
            ],
          },
        ],
        documents: [
          {
            id: documentId,
            processId,
            projectId,
            title: 'Draft EIS',
            documentType: 'Draft EIS',
            mediaType: 'application/pdf',
            publicationDate: '2024-06-01',
            pageCount: 140,
          },
        ],
        comments: [
          {
            id: commentId,
            processId,
            documentId,
            commenter: 'A. Person',
            text: 'Please extend.',
            receivedDate: '2024-06-20',
          },
        ],
      });
      expect(await repo.getDocument(documentId)).toMatchObject({
        id: documentId,
        text: 'Chapter 1. Purpose and need — grüße ✓',
      });
      expect(await repo.getDocument(999_999)).toBeUndefined();
      expect(await repo.getProject(999_999)).toBeUndefined();
      expect((await repo.allDocuments()).map((doc) => doc.id)).toEqual([documentId, looseDocumentId]);
      expect((await repo.listProjects()).map((project) => project.code)).toEqual(['BLM-NV-2024-0012']);
      const counts = await repo.counts();
      expect(Object.keys(counts)).toEqual([...NEPA_TABLES]);
      expect(counts).toMatchObject({
        project: 1,
        process_instance: 1,
        document: 2,
        comment: 1,
        case_event: 2,
        gis_data: 0,
      });

      expect(await repo.deleteDocument(documentId)).toBe(true);
      expect(await repo.deleteDocument(documentId)).toBe(false);
      const after = await repo.getProject(projectId);
      expect(after?.documents).toEqual([]);
      // The comment stays with its process; only its link to the deleted document is cleared.
      expect(after?.comments).toEqual([
        {
          id: commentId,
          processId,
          commenter: 'A. Person',
          text: 'Please extend.',
          receivedDate: '2024-06-20',
        },
      ]);
    } finally {
      await db.close();
    }
  });

  it('rejects bad input with errors that name the field or the missing row', async () => {
    const db = await open();
    try {
      const repo = db.repository;
      const projectId = await repo.upsertProject({ code: 'P-1', title: 'p' });
      await expect(repo.createProcess({ projectId: 424_242, type: 'EA' })).rejects.toMatchObject({
        code: 'REFERENCE_MISSING',
        message: expect.stringContaining('parent_project_id'),
      });
      await expect(repo.createProcess({ projectId, type: 'XYZ' as 'EA' })).rejects.toMatchObject({
        code: 'INPUT_INVALID',
        message: expect.stringContaining('process_instance_type_check'),
      });
      await expect(repo.createProcess({ projectId, type: 'EA', startDate: '15/01/2024' })).rejects.toThrow(
        /ProcessInput\.startDate must be an ISO date/,
      );
      await expect(
        repo.createCaseEvent({ processId: 1, eventType: 'NOI', eventDate: 'soon' }),
      ).rejects.toBeInstanceOf(DatabaseError);
      expect((await repo.counts()).process_instance).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('seeds demo and violation records once, however often the seeds run', async () => {
    const db = await open();
    try {
      const demo = await seedDemo(db);
      expect(demo.projects).toEqual(['BLM-NV-2022-0107', 'FHWA-ID-2023-0012', 'USFS-PAY-2024-0003']);
      expect(demo.created).toBeGreaterThan(30);
      const violations = await seedViolations(db);
      const counts = await db.repository.counts();
      for (const table of NEPA_TABLES) expect(counts[table], table).toBeGreaterThan(0);

      expect((await seedDemo(db)).created).toBe(0);
      expect((await seedViolations(db)).created).toBe(0);
      expect(await db.repository.counts()).toEqual(counts);
      expect(violations.projects).toHaveLength(8);

      for (const violation of SEEDED_VIOLATIONS) {
        expect(await seededRowId(db, violation.entity, violation.key), violation.key).toBeTypeOf('number');
      }
      const [orphan] = await db.query<{ parent_document_id: number | null; cited_document_id: number }>(
        `select parent_document_id, cited_document_id from comment where other->>'seed_key' = 'viol:VIOL-ORPHANS:comment'`,
      );
      expect(orphan).toEqual({ parent_document_id: null, cited_document_id: MISSING_DOCUMENT_ID });
      const parents = await db.query<{ key: string; parents: number }>(
        `select other->>'seed_key' as key, num_nonnulls(parent_project_id, parent_process_id, parent_document_id,
           parent_case_event_id, parent_comment_id, parent_engagement_id) as parents from gis_data order by key`,
      );
      expect(parents.filter((row) => row.parents !== 1).map((row) => row.key)).toEqual([
        'viol:VIOL-ORPHANS:gis-no-parent',
        'viol:VIOL-ORPHANS:gis-two-parents',
      ]);
    } finally {
      await db.close();
    }
  });
}
