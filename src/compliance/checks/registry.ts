/** Every compliance check, by id. Adding a check is adding it to its family's file. */
import { APPROVAL_CHECKS } from './approvals.js';
import { AUDIT_CHECKS } from './audit.js';
import type { ComplianceCheck } from './check.js';
import { CONTROL_CHECKS } from './controls.js';
import { DEPLOY_CHECKS } from './deploy.js';
import { MONITORING_CHECKS } from './monitoring.js';
import { NEPA_CHECKS } from './nepa.js';
import { RETENTION_CHECKS } from './retention.js';
import { SECRETS_CHECKS } from './secrets.js';

export const COMPLIANCE_CHECKS: readonly ComplianceCheck[] = [
  ...AUDIT_CHECKS,
  ...RETENTION_CHECKS,
  ...SECRETS_CHECKS,
  ...APPROVAL_CHECKS,
  ...DEPLOY_CHECKS,
  ...MONITORING_CHECKS,
  ...NEPA_CHECKS,
  ...CONTROL_CHECKS,
];

const byId = new Map(COMPLIANCE_CHECKS.map((check) => [check.id, check]));

/** The check with this id, or undefined. */
export function complianceCheck(id: string): ComplianceCheck | undefined {
  return byId.get(id);
}

export const COMPLIANCE_CHECK_IDS: readonly string[] = COMPLIANCE_CHECKS.map((check) => check.id);
