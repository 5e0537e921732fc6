/**
 * An in-memory {@link NepaRepository} for the service's tests: the same contract as the database
 * layer, with none of its storage, so route and agent tests do not depend on PGlite.
 */
import type {
  CaseEvent,
  NepaDocument,
  NepaRepository,
  Process,
  Project,
  ProjectView,
  PublicComment,
} from '../../src/db/types.js';

/** Creates an empty in-memory repository. */
export function createMemoryRepository(): NepaRepository {
  const projects: Project[] = [];
  const processes: Process[] = [];
  const documents: NepaDocument[] = [];
  const comments: PublicComment[] = [];
  const events: CaseEvent[] = [];
  let nextId = 1;
  const add = <T extends { id: number }>(rows: T[], row: Omit<T, 'id'>): number => {
    const id = nextId++;
    rows.push({ ...row, id } as T);
    return id;
  };

  return {
    async upsertProject(input) {
      const existing = projects.find((project) => project.code === input.code);
      if (existing) return existing.id;
      return add(projects, input);
    },
    async createProcess(input) {
      return add(processes, input);
    },
    async createDocument(input) {
      return add(documents, input);
    },
    async createComment(input) {
      return add(comments, input);
    },
    async createCaseEvent(input) {
      return add(events, input);
    },
    async getProject(id): Promise<ProjectView | undefined> {
      const project = projects.find((p) => p.id === id);
      if (!project) return undefined;
      const own = processes.filter((p) => p.projectId === id);
      const docs = documents.filter((d) => d.projectId === id);
      return {
        ...project,
        processes: own.map((p) => ({ ...p, events: events.filter((e) => e.processId === p.id) })),
        documents: docs.map(({ text: _text, ...rest }) => rest),
        comments: comments.filter(
          (c) => own.some((p) => p.id === c.processId) || docs.some((d) => d.id === c.documentId),
        ),
      };
    },
    async listProjects() {
      return [...projects];
    },
    async getDocument(id) {
      return documents.find((d) => d.id === id);
    },
    async allDocuments() {
      return [...documents];
    },
    async deleteDocument(id) {
      const index = documents.findIndex((d) => d.id === id);
      if (index < 0) return false;
      documents.splice(index, 1);
      return true;
    },
    async counts() {
      return {
        project: projects.length,
        process: processes.length,
        document: documents.length,
        public_comment: comments.length,
        case_event: events.length,
      };
    },
  };
}
