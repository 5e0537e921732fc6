export { AU2_EVENT_TYPES, AU3_FIELDS } from './audit.js';
export type {
  AuditSource,
  CheckContext,
  CheckFamily,
  CheckResult,
  CheckStatus,
  ComplianceCheck,
  ControlStatusLookup,
  Evidence,
} from './check.js';
export { CONTROL_STATUS_CHECK } from './controls.js';
export { COMPLIANCE_CHECK_IDS, COMPLIANCE_CHECKS, complianceCheck } from './registry.js';
