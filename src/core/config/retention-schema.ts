import { z } from 'zod';

/** The `retention` section of `cara.config.yaml`: how long each record series is kept, and holds. */

/**
 * The record series retention knows. Adding one is adding its name here and its reader in
 * src/compliance/retention/series.
 */
export const RECORD_SERIES = ['audit-events', 'test-runs', 'failure-records', 'deployments'] as const;

export type RecordSeriesName = (typeof RECORD_SERIES)[number];

const series = z
  .enum(RECORD_SERIES)
  .describe(
    'Record series: audit-events (the audit log), test-runs (runs with their results, change and observations), failure-records (analysed failures), deployments (finished deployments with their approvals).',
  );

const policy = z
  .strictObject({
    series,
    days: z
      .number()
      .int()
      .positive()
      .describe('Records older than this many days expire: archived into a signed bundle, then deleted.'),
    agency: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Apply only to records of this agency, for series whose records carry one. cara's own series (audit-events, test-runs, failure-records, deployments) carry none, so a policy with an agency matches none of their records.",
      ),
  })
  .describe('How long one record series (optionally of one agency) is kept.');

const legalHold = z
  .strictObject({
    series,
    subject: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Hold only the records about this subject: a deployment id, service, version or commit; a test run id or commit; an audit event id or subject. Without it the whole series is held.',
      ),
    until: z.iso
      .date()
      .optional()
      .describe('Last day (YYYY-MM-DD, UTC) the hold applies; without it the hold lasts until removed.'),
    reason: z.string().min(1).describe('Why the records are held (litigation, FOIA request, investigation).'),
  })
  .describe('Records that must not be deleted whatever the policies say.');

export const retentionSchema = z
  .strictObject({
    auditMinimumDays: z
      .number()
      .int()
      .min(0)
      .default(90)
      .describe('AU-11: audit events younger than this many days are never deleted, whatever a policy says.'),
    policies: z
      .array(policy)
      .default([])
      .refine((list) => new Set(list.map((p) => `${p.series}\u0000${p.agency ?? ''}`)).size === list.length, {
        error: 'at most one policy per series and agency',
      })
      .describe('Retention periods per record series; a series without a policy is kept forever.'),
    legalHolds: z
      .array(legalHold)
      .default([])
      .describe('Legal holds: records they match are kept while the hold lasts.'),
    archiveDir: z
      .string()
      .min(1)
      .default('.cara/archive')
      .describe(
        'Folder that receives the signed archive bundle of what expires, relative to the repository root.',
      ),
  })
  .describe('Record retention: `cara compliance retention`.');

export type RetentionConfig = z.output<typeof retentionSchema>;
export type RetentionPolicyConfig = RetentionConfig['policies'][number];
export type LegalHoldConfig = RetentionConfig['legalHolds'][number];
