/** Audit-trail checks (AU-2, AU-3, AU-8, AU-9, checkpoints) over the repository's audit log. */
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { auditEventCatalogue } from '../../audit/index.js';
import { messageOf } from '../../core/index.js';
import { defineCheck, fail, notAssessed, pass, sample } from './check.js';
import { fieldOf } from './deployments.js';

/** FedRAMP's AU-2 event list, as catalogue types: logons, account management, object access, policy change, privileged functions, process tracking, system events, data and permission changes. */
export const AU2_EVENT_TYPES = [
  'auth.logon',
  'auth.failure',
  'account.create',
  'account.change',
  'account.delete',
  'permission.change',
  'policy.change',
  'privileged.run',
  'data.access',
  'data.change',
  'data.delete',
  'config.change',
  'pipeline.run',
] as const;

/** The AU-3 content every event must carry: what, when, where, source, outcome, identity. */
export const AU3_FIELDS = [
  'type',
  'time',
  'where.host',
  'source.component',
  'outcome.status',
  'actor',
] as const;

export const eventCatalogue = defineCheck({
  id: 'audit.event-catalogue',
  family: 'audit',
  description: 'the audit event catalogue covers every event type the AU-2 list requires',
  parameters: z
    .strictObject({
      requiredTypes: z
        .array(z.string().min(1))
        .min(1)
        .default([...AU2_EVENT_TYPES]),
    })
    .prefault({}),
  async run(ctx, { requiredTypes }) {
    const missing = requiredTypes.filter((type) => !Object.hasOwn(auditEventCatalogue, type));
    const recorded = new Set((await ctx.events()).map((event) => event.type));
    const evidence = {
      catalogueTypes: Object.keys(auditEventCatalogue).length,
      required: requiredTypes.length,
      missing,
      requiredTypesRecorded: requiredTypes.filter((type) => recorded.has(type)).length,
    };
    return missing.length === 0
      ? pass(`all ${requiredTypes.length} AU-2 event types are in the catalogue`, evidence)
      : fail(`the catalogue lacks ${missing.join(', ')}`, evidence);
  },
});

export const recordContent = defineCheck({
  id: 'audit.record-content',
  family: 'audit',
  description: 'every event in the audit log carries the AU-3 fields',
  parameters: z
    .strictObject({
      requiredFields: z
        .array(z.string().min(1))
        .min(1)
        .default([...AU3_FIELDS]),
    })
    .prefault({}),
  async run(ctx, { requiredFields }) {
    const events = await ctx.events();
    if (events.length === 0) return notAssessed('the audit log has no events yet');
    const lacking: { seq: number; missing: string[] }[] = [];
    for (const event of events) {
      const missing = requiredFields.filter((field) => {
        const value = fieldOf(event, field);
        return value === undefined || value === null || value === '';
      });
      if (missing.length > 0) lacking.push({ seq: event.seq, missing });
    }
    const evidence = {
      events: events.length,
      complete: events.length - lacking.length,
      fields: requiredFields,
      incomplete: sample(lacking),
    };
    return lacking.length === 0
      ? pass(`${events.length}/${events.length} events carry ${requiredFields.join(', ')}`, evidence)
      : fail(`${lacking.length} of ${events.length} events lack an AU-3 field`, evidence);
  },
});

const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export const timestamps = defineCheck({
  id: 'audit.timestamps',
  family: 'audit',
  description: 'event times are UTC with at least one-second granularity',
  parameters: z.strictObject({}).prefault({}),
  async run(ctx) {
    const events = await ctx.events();
    if (events.length === 0) return notAssessed('the audit log has no events yet');
    const bad = events.filter(
      (event) => !UTC_SECONDS.test(event.time) || Number.isNaN(Date.parse(event.time)),
    );
    const evidence = {
      events: events.length,
      invalid: sample(bad.map((e) => ({ seq: e.seq, time: e.time }))),
    };
    return bad.length === 0
      ? pass(`${events.length} events are timestamped in UTC to the second or finer`, evidence)
      : fail(`${bad.length} events have a time that is not UTC to the second`, evidence);
  },
});

export const logVerifies = defineCheck({
  id: 'audit.log-verifies',
  family: 'audit',
  description: 'the audit log verifies: every leaf, node, root and signed checkpoint',
  parameters: z.strictObject({}).prefault({}),
  async run(ctx) {
    try {
      const report = await ctx.audit.verify();
      const evidence = {
        events: report.events,
        size: report.size,
        checkpoints: report.checkpoints,
        root: report.root,
      };
      return report.ok
        ? pass(`${report.size} events and ${report.checkpoints} checkpoints verify`, evidence)
        : fail(`verification failed at event ${report.failure?.index}: ${report.failure?.reason}`, {
            ...evidence,
            failure: report.failure,
          });
    } catch (error) {
      return fail(`the log could not be verified: ${messageOf(error)}`);
    }
  },
});

export const keyPermissions = defineCheck({
  id: 'audit.key-permissions',
  family: 'audit',
  description: 'the checkpoint signing key is readable by its owner only',
  parameters: z.strictObject({}).prefault({}),
  async run(ctx) {
    if (process.platform === 'win32') return notAssessed('POSIX file modes are not available on Windows');
    const file = ctx.signingKeyPath;
    const info = await stat(file).catch(() => undefined);
    if (info === undefined) return fail(`the signing key ${file} is missing`, { file });
    const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
    return (info.mode & 0o077) === 0
      ? pass(`${file} has mode ${mode}`, { file, mode })
      : fail(`${file} has mode ${mode}: group or others can read it (chmod 600)`, { file, mode });
  },
});

export const checkpointFresh = defineCheck({
  id: 'audit.checkpoint-fresh',
  family: 'audit',
  description: 'the latest signed checkpoint covers the log, and is recent enough',
  parameters: z
    .strictObject({
      maxUncheckpointedEvents: z.number().int().min(0).default(0),
      maxAgeDays: z.number().positive().optional(),
    })
    .prefault({}),
  async run(ctx, { maxUncheckpointedEvents, maxAgeDays }) {
    const head = await ctx.audit.head();
    if (head.size === 0) return notAssessed('the audit log has no events yet');
    const checkpoints = await ctx.audit.checkpoints();
    const latest = checkpoints.reduce<(typeof checkpoints)[number] | undefined>(
      (best, cp) => (best === undefined || cp.size > best.size ? cp : best),
      undefined,
    );
    if (latest === undefined) return fail('no checkpoint has been signed', { events: head.size });
    const behind = head.size - latest.size;
    const ageDays = (ctx.now().getTime() - Date.parse(latest.createdAt)) / 86_400_000;
    const evidence = {
      events: head.size,
      checkpointSize: latest.size,
      uncheckpointed: behind,
      checkpointCreatedAt: latest.createdAt,
    };
    if (behind > maxUncheckpointedEvents)
      return fail(`${behind} events are not covered by a signed checkpoint`, evidence);
    if (maxAgeDays !== undefined && ageDays > maxAgeDays)
      return fail(`the latest checkpoint is ${Math.floor(ageDays)} days old (max ${maxAgeDays})`, evidence);
    return pass(`checkpoint at size ${latest.size} covers ${head.size} events`, evidence);
  },
});

export const AUDIT_CHECKS = [
  eventCatalogue,
  recordContent,
  timestamps,
  logVerifies,
  keyPermissions,
  checkpointFresh,
];
