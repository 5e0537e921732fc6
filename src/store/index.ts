export {
  type Dialect,
  type Migration,
  type MigrationReport,
  migrate,
  migrationChecksum,
  migrations,
} from './migrations.js';
export { openStore } from './open.js';
export type {
  AuditCheckpointTable,
  AuditEventTable,
  AuditHeadTable,
  Database,
  DeployApprovalTable,
  DeploymentTable,
  DeployServiceTable,
} from './schema.js';
export type { OpenStoreOptions, Store } from './store.js';
export { redactUrl, translateSqliteError, translateStoreError } from './store-errors.js';
