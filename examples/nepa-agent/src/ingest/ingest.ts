/**
 * Ingest: read every upload of a request first (so one corrupt file stores nothing), then write
 * the project, process, document, comments and case events each one implies.
 */
import type { DocumentInput, NepaRepository, ProcessType, Provenance } from '../db/index.js';
import { resolveMediaType, type SupportedMediaType } from './media.js';
import { type ExtractedRecords, extractRecords } from './records.js';
import { extractText } from './text.js';

export interface Upload {
  fileName: string;
  /** The declared content type, if any. */
  contentType?: string;
  bytes: Uint8Array;
}

export interface PreparedDocument {
  fileName: string;
  mediaType: SupportedMediaType;
  text: string;
  pageCount?: number;
  records: ExtractedRecords;
}

export interface IngestResult {
  fileName: string;
  documentId: number;
  projectId: number;
  processId?: number;
  processType?: ProcessType;
  title: string;
  documentType: string;
  commentIds: number[];
  caseEventIds: number[];
}

/** Reads one upload into text and records without touching the database. */
export async function prepareUpload(upload: Upload): Promise<PreparedDocument> {
  const mediaType = resolveMediaType(upload.contentType, upload.fileName);
  const { text, pageCount } = await extractText(upload.bytes, mediaType, upload.fileName);
  const prepared: PreparedDocument = {
    fileName: upload.fileName,
    mediaType,
    text,
    records: extractRecords(text, upload.fileName),
  };
  if (pageCount !== undefined) prepared.pageCount = pageCount;
  return prepared;
}

async function findOrCreateProcess(
  repository: NepaRepository,
  projectId: number,
  type: ProcessType,
  records: ExtractedRecords,
  provenance: Provenance,
): Promise<number> {
  const view = await repository.getProject(projectId);
  const existing = view?.processes.find((process) => process.type === type);
  if (existing) return existing.id;
  const decided = ['ROD', 'FONSI'].includes(records.document.documentType);
  const noi = records.events.find((event) => event.eventType === 'NOI')?.eventDate;
  return repository.createProcess({
    ...provenance,
    projectId,
    type,
    status: decided ? 'decision issued' : 'in progress',
    ...(records.project.leadAgency ? { leadAgency: records.project.leadAgency } : {}),
    ...(noi ? { startDate: noi } : {}),
  });
}

/** Stores one prepared document and everything extracted from it; returns the created ids. */
export async function storeDocument(
  repository: NepaRepository,
  prepared: PreparedDocument,
  now: Date,
): Promise<IngestResult> {
  const { records } = prepared;
  const stamp = now.toISOString();
  const provenance: Provenance = {
    dataSourceSystem: 'nepa-agent',
    lastUpdated: stamp,
    retrievedTimestamp: stamp,
  };
  if (records.project.leadAgency) provenance.recordOwnerAgency = records.project.leadAgency;
  const { codeSource: _source, ...project } = records.project;
  const projectId = await repository.upsertProject({ ...provenance, ...project });
  const processId =
    records.processType === undefined
      ? undefined
      : await findOrCreateProcess(repository, projectId, records.processType, records, provenance);
  const document: DocumentInput = {
    ...provenance,
    ...records.document,
    projectId,
    mediaType: prepared.mediaType,
    text: prepared.text,
  };
  if (processId !== undefined) document.processId = processId;
  if (prepared.pageCount !== undefined) document.pageCount = prepared.pageCount;
  const documentId = await repository.createDocument(document);
  const commentIds: number[] = [];
  for (const comment of records.comments) {
    commentIds.push(
      await repository.createComment({
        ...provenance,
        ...comment,
        documentId,
        ...(processId ? { processId } : {}),
      }),
    );
  }
  const caseEventIds: number[] = [];
  if (processId !== undefined) {
    for (const event of records.events) {
      caseEventIds.push(await repository.createCaseEvent({ ...provenance, ...event, processId }));
    }
  }
  const result: IngestResult = {
    fileName: prepared.fileName,
    documentId,
    projectId,
    title: records.document.title,
    documentType: records.document.documentType,
    commentIds,
    caseEventIds,
  };
  if (processId !== undefined) result.processId = processId;
  if (records.processType !== undefined) result.processType = records.processType;
  return result;
}
