/**
 * The event types the audit log accepts, grouped as FedRAMP's AU-2 list of auditable events
 * groups them. A type is `category.action`; `cara audit record` takes any of these.
 */
export const auditEventCatalogue = {
  'auth.logon': 'a user or service signed in (AU-2: successful and unsuccessful logons)',
  'auth.logoff': 'a session ended',
  'auth.failure': 'a credential or token was rejected',
  'account.create': 'an account or service identity was created',
  'account.change': 'an account was changed, enabled or disabled',
  'account.delete': 'an account was removed',
  'permission.change': 'a role or permission was granted or revoked',
  'approval.request': 'a human approval gate was opened',
  'approval.grant': 'an approval gate was approved',
  'approval.deny': 'an approval gate was rejected',
  'config.init': 'cara was initialised in a repository',
  'config.change': 'configuration changed',
  'policy.change': 'a policy, compliance template or threshold changed',
  'data.access': 'records were read or exported',
  'data.change': 'records were created or modified',
  'data.delete': 'records were deleted or purged (including retention)',
  'privileged.run': 'a privileged function ran (key rotation, manual override, forced promotion)',
  'key.create': 'a signing key was created',
  'key.rotate': 'a signing key was replaced',
  'deploy.start': 'a deployment started',
  'deploy.step': 'a deployment moved a step (weight change, analysis)',
  'deploy.promote': 'a deployment was promoted',
  'deploy.rollback': 'a deployment was rolled back',
  'deploy.finish': 'a deployment finished',
  'migration.run': 'a database migration ran',
  'test.run': 'a test run finished',
  'test.select': 'tests were selected for a change',
  'test.impact': 'the per-test coverage map was collected',
  'test.quarantine': 'a test was quarantined or released from quarantine',
  'test.learn': 'the test-failure model was retrained from the recorded runs',
  'failure.analyze': 'failures in logs or a test run were templated and clustered',
  'failure.suspects': 'the commits behind a failing run were ranked',
  'scan.run': 'a security or dependency scan ran',
  'redteam.run': 'a red-team run against an agent finished',
  'risk.score': 'a change was scored for risk',
  'risk.train': 'a risk model was trained',
  'compliance.check': 'compliance checks ran',
  'pipeline.run': 'a pipeline run started or finished',
  'pipeline.stage': 'a pipeline stage finished',
  'audit.checkpoint': 'an audit checkpoint was signed',
  'audit.verify': 'the audit log was verified',
  'monitor.alert': 'a monitoring alert fired or resolved',
  'ci.step': 'a CI step reported its result',
} as const satisfies Record<string, string>;

export type AuditEventType = keyof typeof auditEventCatalogue;

export function isAuditEventType(value: string): value is AuditEventType {
  return Object.hasOwn(auditEventCatalogue, value);
}
