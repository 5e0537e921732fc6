import type { Kysely } from 'kysely';
import type { CaraConfig } from '../../core/index.js';
import type { Database } from '../../store/index.js';
import { RECORD_SERIES_REGISTRY, type RecordSeries, type RetentionRecord } from './series/index.js';

export type RetentionConfig = CaraConfig['retention'];
export type RetentionPolicy = RetentionConfig['policies'][number];
export type LegalHold = RetentionConfig['legalHolds'][number];

const DAY_MS = 86_400_000;

/** What retention decided for one series. */
export interface SeriesPlan {
  series: string;
  /** The series' policies with the cutoff each gives (records older than it expire). */
  policies: { days: number; agency?: string | undefined; cutoff: string }[];
  /** Records to archive then delete, oldest first. */
  expiring: RetentionRecord[];
  /** Expired by a policy but kept by a legal hold (the first hold that matches). */
  held: { record: RetentionRecord; hold: LegalHold }[];
  /** Audit events expired by a policy but younger than the AU-11 minimum. */
  heldByMinimum: RetentionRecord[];
  notes: string[];
}

export interface RetentionPlan {
  now: string;
  auditMinimumDays: number;
  /** Audit events at this index or later are not under a signed checkpoint and never pruned. */
  auditBelow: number;
  series: SeriesPlan[];
}

export interface PlanRetentionOptions {
  config: RetentionConfig;
  now: Date;
  /** The size of the signed checkpoint audit pruning happens under. */
  auditBelow: number;
  /** The series to plan (default: all of them). */
  registry?: ReadonlyMap<string, RecordSeries> | undefined;
}

/** Reads each series' candidates and decides what expires; reads only, never writes. */
export async function planRetention(
  db: Kysely<Database>,
  options: PlanRetentionOptions,
): Promise<RetentionPlan> {
  const registry = options.registry ?? RECORD_SERIES_REGISTRY;
  const series: SeriesPlan[] = [];
  for (const [name, reader] of registry) {
    const policies = options.config.policies.filter((p) => p.series === name);
    const before = latestCutoff(policies, options.now);
    const candidates =
      before === undefined ? [] : await reader.candidates(db, { before, auditBelow: options.auditBelow });
    series.push(decideSeries(name, candidates, options.config, options.now));
  }
  return {
    now: options.now.toISOString(),
    auditMinimumDays: options.config.auditMinimumDays,
    auditBelow: options.auditBelow,
    series,
  };
}

/** Records older than `days` days at `now` expire. */
export function cutoffOf(days: number, now: Date): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

function latestCutoff(policies: readonly RetentionPolicy[], now: Date): string | undefined {
  if (policies.length === 0) return undefined;
  return cutoffOf(Math.min(...policies.map((p) => p.days)), now);
}

/** A hold applies through the end (UTC) of its `until` day. */
export function holdActive(hold: LegalHold, now: Date): boolean {
  return hold.until === undefined || now.getTime() < Date.parse(`${hold.until}T00:00:00Z`) + DAY_MS;
}

/**
 * The pure decision for one series: the policy that applies to each record (its agency's, else
 * the one without an agency), then legal holds, then (audit events) the AU-11 minimum.
 */
export function decideSeries(
  name: string,
  candidates: readonly RetentionRecord[],
  config: RetentionConfig,
  now: Date,
): SeriesPlan {
  const policies = config.policies.filter((p) => p.series === name);
  const holds = config.legalHolds.filter((h) => h.series === name && holdActive(h, now));
  const fallback = policies.find((p) => p.agency === undefined);
  const minimum = name === 'audit-events' ? cutoffOf(config.auditMinimumDays, now) : undefined;
  const plan: SeriesPlan = {
    series: name,
    policies: policies.map((p) => ({ days: p.days, agency: p.agency, cutoff: cutoffOf(p.days, now) })),
    expiring: [],
    held: [],
    heldByMinimum: [],
    notes: [],
  };
  for (const record of candidates) {
    const policy = policies.find((p) => p.agency !== undefined && p.agency === record.agency) ?? fallback;
    if (policy === undefined || record.time >= cutoffOf(policy.days, now)) continue;
    const hold = holds.find((h) => h.subject === undefined || record.subjects.includes(h.subject));
    if (hold) plan.held.push({ record, hold });
    else if (minimum !== undefined && record.time >= minimum) plan.heldByMinimum.push(record);
    else plan.expiring.push(record);
  }
  const agencyPolicies = policies.filter((p) => p.agency !== undefined);
  if (agencyPolicies.length > 0 && !candidates.some((r) => r.agency !== undefined)) {
    plan.notes.push(
      `the ${agencyPolicies.map((p) => `agency ${p.agency}`).join(', ')} ${agencyPolicies.length === 1 ? 'policy matches' : 'policies match'} no record: ${name} records carry no agency`,
    );
  }
  if (policies.length === 0) plan.notes.push('no policy: kept indefinitely');
  return plan;
}

/** The plan as people and `--json` read it: counts and time spans, never the records. */
export interface SeriesSummary {
  series: string;
  policies: { days: number; agency?: string | undefined; cutoff: string }[];
  expiring: number;
  oldest: string | null;
  newest: string | null;
  heldByLegalHold: number;
  heldByMinimum: number;
  holds: { reason: string; subject: string | null; until: string | null; records: number }[];
  notes: string[];
}

export function summarizePlan(plan: RetentionPlan): SeriesSummary[] {
  return plan.series.map((s) => {
    const holds = new Map<LegalHold, number>();
    for (const { hold } of s.held) holds.set(hold, (holds.get(hold) ?? 0) + 1);
    const times = s.expiring.map((r) => r.time).sort();
    return {
      series: s.series,
      policies: s.policies,
      expiring: s.expiring.length,
      oldest: times[0] ?? null,
      newest: times.at(-1) ?? null,
      heldByLegalHold: s.held.length,
      heldByMinimum: s.heldByMinimum.length,
      holds: [...holds].map(([hold, records]) => ({
        reason: hold.reason,
        subject: hold.subject ?? null,
        until: hold.until ?? null,
        records,
      })),
      notes: s.notes,
    };
  });
}
