export { AuditLog, type AuditLogOptions } from './audit-log.js';
export { canonicalJson } from './canonical-json.js';
export { type AuditEventType, auditEventCatalogue, isAuditEventType } from './catalogue.js';
export type { StoredCheckpoint } from './checkpoints.js';
export { type AuditEvent, leafText } from './event.js';
export { createSigningKey, loadSigner } from './keys.js';
export type { AuditContext, AuditEventInput, TreeHead } from './log.js';
export * as merkle from './merkle/index.js';
export {
  type Checkpoint,
  formatVerifierKey,
  type NoteSigner,
  type NoteVerifier,
  noteSignedBy,
  parseCheckpointBody,
  parseNote,
  parseVerifierKey,
  signNote,
  verifierOf,
} from './note.js';
export type { ConsistencyProof, InclusionProof } from './proofs.js';
export {
  type AuditPruneStatement,
  type ListPrunableOptions,
  listPrunable,
  type PrunableEvent,
  type PruneEventsInput,
  prunedLeavesDigest,
  pruneEvents,
  type StoredPrune,
} from './prune.js';
export type { ListEventsOptions } from './query.js';
export type { VerifyFailure, VerifyFailureKind, VerifyReport } from './verify-log.js';
