import { canonicalJson } from './canonical-json.js';

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

/** Schema version of the leaf encoding; part of every leaf so a new encoding can never collide. */
export const LEAF_VERSION = 1;

/**
 * The leaf: RFC 8785 canonical JSON of the event with its index (`seq`) and the encoding
 * version, so an event moved to another index no longer matches its hash.
 */
export function leafText(event: AuditEvent): string {
  return canonicalJson({ ...event, v: LEAF_VERSION });
}

const SEQ_KEY = ',"seq":';

/**
 * The index a leaf was recorded at, read without parsing: keys are sorted, so the top-level
 * `"seq"` comes after `details` and only string values follow it, in which a quote is always
 * escaped; its last occurrence is therefore the real one, whatever the details hold.
 */
export function leafSeq(leaf: string): number | undefined {
  const at = leaf.lastIndexOf(SEQ_KEY);
  if (at < 0) return undefined;
  let value = 0;
  let digits = 0;
  for (let i = at + SEQ_KEY.length; i < leaf.length; i++, digits++) {
    const code = leaf.charCodeAt(i);
    if (code < 48 || code > 57) break;
    value = value * 10 + (code - 48);
  }
  return digits > 0 && Number.isSafeInteger(value) ? value : undefined;
}

/** Reads an event back from its leaf. */
export function eventFromLeaf(leaf: string): AuditEvent {
  const { v: _version, ...event } = JSON.parse(leaf) as AuditEvent & { v: number };
  return event;
}
