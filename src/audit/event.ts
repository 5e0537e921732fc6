import type { AuditEventTable } from '../store/index.js';

/**
 * An audit record with the content NIST SP 800-53 AU-3 asks for: what (type), when (time, UTC
 * ms), where (host, repository, environment), source (component, command), outcome, identity
 * (actor), subject, and details.
 */
export interface AuditEvent {
  seq: number;
  id: string;
  type: string;
  time: string;
  where: { host: string; repository: string; environment: string };
  source: { component: string; command: string };
  outcome: { status: 'success' | 'failure'; reason: string | null };
  actor: string;
  subject: string | null;
  details: Record<string, unknown>;
}

export type AuditEventRow = Omit<AuditEventTable, 'hashes'>;

/** Schema version of the leaf encoding; part of every leaf so a new encoding can never collide. */
export const LEAF_VERSION = 1;

const str = JSON.stringify;
const optional = (value: string | null) => (value === null ? 'null' : str(value));

/**
 * The RFC 8785 canonical JSON of an event, built straight from its stored columns (keys in
 * sorted order, `details` already canonical). This is the leaf's content; `verify` calls it once
 * per event, so it avoids parsing and generic key sorting.
 */
export function leafText(row: AuditEventRow): string {
  return (
    `{"actor":${str(row.actor)},"details":${row.details},"id":${str(row.id)},` +
    `"outcome":{"reason":${optional(row.reason)},"status":${str(row.outcome)}},"seq":${row.seq},` +
    `"source":{"command":${str(row.command)},"component":${str(row.component)}},` +
    `"subject":${optional(row.subject)},"time":${str(row.time)},"type":${str(row.type)},"v":${LEAF_VERSION},` +
    `"where":{"environment":${str(row.environment)},"host":${str(row.host)},"repository":${str(row.repository)}}}`
  );
}

/** The event as people and APIs see it. */
export function eventFromRow(row: AuditEventRow): AuditEvent {
  return {
    seq: row.seq,
    id: row.id,
    type: row.type,
    time: row.time,
    where: { host: row.host, repository: row.repository, environment: row.environment },
    source: { component: row.component, command: row.command },
    outcome: { status: row.outcome === 'failure' ? 'failure' : 'success', reason: row.reason },
    actor: row.actor,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

/** The canonical object form of an event (what `leafText` serialises). */
export function leafObject(event: AuditEvent): Record<string, unknown> {
  return { ...event, v: LEAF_VERSION };
}
