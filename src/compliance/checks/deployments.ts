/**
 * Deployments as the audit log tells them: events of the `deploy.` and `approval.` categories
 * grouped by subject (the deployment id), in log order.
 */
import type { AuditEvent } from '../../audit/index.js';

export interface DeploymentTrail {
  id: string;
  start: AuditEvent | undefined;
  events: AuditEvent[];
}

/** The trail of every deployment that has a subject, keyed by deployment id, in log order. */
export function deploymentTrails(events: readonly AuditEvent[]): Map<string, DeploymentTrail> {
  const trails = new Map<string, DeploymentTrail>();
  for (const event of events) {
    if (!event.type.startsWith('deploy.') && !event.type.startsWith('approval.')) continue;
    if (event.subject === null || event.subject === '') continue;
    let trail = trails.get(event.subject);
    if (trail === undefined) {
      trail = { id: event.subject, start: undefined, events: [] };
      trails.set(event.subject, trail);
    }
    if (event.type === 'deploy.start' && trail.start === undefined) trail.start = event;
    trail.events.push(event);
  }
  return trails;
}

/** The started deployments (those with a `deploy.start`). */
export function startedDeployments(events: readonly AuditEvent[]): DeploymentTrail[] {
  return [...deploymentTrails(events).values()].filter((trail) => trail.start !== undefined);
}

export function hasEvent(trail: DeploymentTrail, type: string): boolean {
  return trail.events.some((event) => event.type === type);
}

/** A detail as text (details recorded by `cara audit record --detail` are strings). */
export function detailText(event: AuditEvent | undefined, key: string): string | undefined {
  const value = event?.details[key];
  return value === undefined || value === null ? undefined : String(value);
}

/** Reads a dotted path (`where.host`) of an event. */
export function fieldOf(event: AuditEvent, path: string): unknown {
  let value: unknown = event;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
