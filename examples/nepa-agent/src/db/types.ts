/**
 * The data access contract of the NEPA agent: the service (routes, ingest, retrieval) talks to the
 * database only through {@link NepaRepository}; the same SQL runs on embedded PGlite and on a
 * PostgreSQL server.
 */

export type ProcessType = 'CE' | 'EA' | 'EIS';

/** The v1.2 provenance fields carried by every entity. */
export interface Provenance {
  recordOwnerAgency?: string;
  dataSourceAgency?: string;
  dataSourceSystem?: string;
  dataRecordVersion?: string;
  /** ISO time. */
  lastUpdated?: string;
  /** ISO time. */
  retrievedTimestamp?: string;
}

export interface ProjectInput extends Provenance {
  /** The agency's project identifier (e.g. "BLM-NV-2024-0012"); unique. */
  code: string;
  title: string;
  description?: string;
  sector?: string;
  sponsor?: string;
  leadAgency?: string;
  /** Free-text location (state, county, coordinates). */
  location?: string;
}

export interface ProcessInput extends Provenance {
  projectId: number;
  type: ProcessType;
  status?: string;
  leadAgency?: string;
  /** ISO date. */
  startDate?: string;
  /** ISO date. */
  completionDate?: string;
}

export interface DocumentInput extends Provenance {
  processId?: number;
  projectId?: number;
  title: string;
  /** e.g. "EIS", "Draft EIS", "EA", "FONSI", "ROD", "NOI", "comment letter", "other". */
  documentType: string;
  /** The uploaded media type, e.g. application/pdf, text/markdown, text/html, text/plain. */
  mediaType: string;
  /** ISO date. */
  publicationDate?: string;
  pageCount?: number;
  /** The extracted plain text (what retrieval searches and answers cite). */
  text: string;
}

export interface CommentInput extends Provenance {
  processId?: number;
  documentId?: number;
  commenter?: string;
  text: string;
  /** ISO date. */
  receivedDate?: string;
}

export interface CaseEventInput extends Provenance {
  processId: number;
  /** e.g. "NOI", "ROD", "FONSI", "comment period opened", "extension". */
  eventType: string;
  /** ISO date. */
  eventDate: string;
  description?: string;
}

export interface Project extends ProjectInput {
  id: number;
}
export interface Process extends ProcessInput {
  id: number;
}
export interface NepaDocument extends DocumentInput {
  id: number;
}
export interface PublicComment extends CommentInput {
  id: number;
}
export interface CaseEvent extends CaseEventInput {
  id: number;
}

/** A project with everything under it, as `GET /projects/:id` returns it. */
export interface ProjectView extends Project {
  processes: (Process & { events: CaseEvent[] })[];
  documents: Omit<NepaDocument, 'text'>[];
  comments: PublicComment[];
}

export interface NepaRepository {
  /** Creates the project, or returns the existing one's id when `code` is taken (provenance updated). */
  upsertProject(input: ProjectInput): Promise<number>;
  createProcess(input: ProcessInput): Promise<number>;
  createDocument(input: DocumentInput): Promise<number>;
  createComment(input: CommentInput): Promise<number>;
  createCaseEvent(input: CaseEventInput): Promise<number>;
  getProject(id: number): Promise<ProjectView | undefined>;
  listProjects(): Promise<Project[]>;
  getDocument(id: number): Promise<NepaDocument | undefined>;
  /** Every document with its text, for building the retrieval index. */
  allDocuments(): Promise<NepaDocument[]>;
  deleteDocument(id: number): Promise<boolean>;
  counts(): Promise<Record<string, number>>;
}

/** The repository and raw queries bound to one transaction (see {@link NepaDatabase.transaction}). */
export interface NepaSession {
  repository: NepaRepository;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** An open database: the repository, the raw query door for migrations and checks, and close. */
export interface NepaDatabase {
  kind: 'pglite' | 'postgres';
  repository: NepaRepository;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Raw query results on both drivers: bigint as number, date as 'YYYY-MM-DD', timestamptz as Date.
   */
  transaction?<T>(fn: (session: NepaSession) => Promise<T>): Promise<T>;
}
