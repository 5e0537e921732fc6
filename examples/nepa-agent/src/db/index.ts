export { DatabaseError, type DatabaseErrorCode } from './errors.js';
export { type MigrationReport, migrationChecksum } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
export { type OpenDatabaseOptions, openDatabase } from './open.js';
export { NEPA_TABLES, type NepaTable } from './repository.js';
export {
  MISSING_DOCUMENT_ID,
  SEEDED_VIOLATIONS,
  type SeededViolation,
  type SeedReport,
  seedDemo,
  seededRowId,
  seedViolations,
  type ViolationRule,
} from './seed.js';
export type * from './types.js';
