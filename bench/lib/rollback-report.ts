/** Per-trial results of the rollback benchmark, their summary against peers, and the targets. */
import type { Deployment } from '../../src/deploy/index.js';
import { PEER_DEFAULTS, peerErrors } from './rollback-peers.js';
import type { ClientView } from './rollback-probe.js';
import { formatTable } from './table.js';

export const TARGET_P50_SECONDS = 30;
/** What the team asked for. */
export const TARGET_MAX_SECONDS = 120;

export interface Fault {
  label: string;
  knobs: Record<string, string>;
  /** The share of requests the fault fails, when it is a fixed rate. */
  errorRate?: number;
}

export interface TrialResult {
  kind: 'bad' | 'good';
  fault: string;
  errorRate?: number;
  deployment: string;
  version: string;
  state: string;
  reason: string | null;
  /** Server side: restoredAt - firstTrafficAt (seconds). */
  restoreSeconds?: number;
  /** First traffic to the moment the rollback was decided (the `rolling back` timeline entry). */
  decideSeconds?: number;
  /** Decision to all traffic back on stable. */
  switchBackSeconds?: number;
  /** startedAt to finishedAt: the whole deployment, including instance start-up and draining. */
  totalSeconds: number;
  /** First traffic to finishedAt (the good canary: to promotion). */
  trafficToEndSeconds?: number;
  analyses: {
    decision: string;
    score: number;
    extensions: number;
    samples: { baseline: number; canary: number };
  }[];
  client: ClientView;
  /** The client's counts scaled to all traffic (load generator + probe). */
  errorsAllTrafficEstimate: number;
  timeline: { at: string; message: string }[];
}

const seconds = (from: string | undefined, to: string | undefined): number | undefined =>
  from && to ? (Date.parse(to) - Date.parse(from)) / 1000 : undefined;

/** Reads one finished deployment and what the client saw of it into a trial result. */
export function trialResult(
  kind: 'bad' | 'good',
  fault: Fault,
  d: Deployment,
  client: ClientView,
  trafficScale: number,
): TrialResult {
  const decidedAt = d.data.timeline.find((t) => t.message.startsWith('rolling back'))?.at;
  const restore = seconds(d.data.firstTrafficAt, d.data.restoredAt);
  const decide = seconds(d.data.firstTrafficAt, decidedAt);
  const switchBack = seconds(decidedAt, d.data.restoredAt);
  const toEnd = seconds(d.data.firstTrafficAt, d.finishedAt ?? undefined);
  return {
    kind,
    fault: fault.label,
    ...(fault.errorRate !== undefined ? { errorRate: fault.errorRate } : {}),
    deployment: d.id,
    version: d.version,
    state: d.state,
    reason: d.reason,
    ...(restore !== undefined ? { restoreSeconds: restore } : {}),
    ...(decide !== undefined ? { decideSeconds: decide } : {}),
    ...(switchBack !== undefined ? { switchBackSeconds: switchBack } : {}),
    totalSeconds: seconds(d.startedAt, d.finishedAt ?? undefined) ?? Number.NaN,
    ...(toEnd !== undefined ? { trafficToEndSeconds: toEnd } : {}),
    analyses: d.data.analyses.map((a) => ({
      decision: a.decision,
      score: a.score,
      extensions: a.extensions,
      samples: a.samples,
    })),
    client,
    errorsAllTrafficEstimate: Math.round(client.errors * trafficScale),
    timeline: d.data.timeline,
  };
}

/** Linear-interpolated quantile of the values (q in 0..1); NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

const s1 = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(1));

export function formatTrials(trials: readonly TrialResult[]): string {
  return formatTable(
    [
      { header: 'trial' },
      { header: 'fault' },
      { header: 'outcome' },
      { header: 'restore s', align: 'right' },
      { header: 'decide s', align: 'right' },
      { header: 'client s', align: 'right' },
      { header: 'requests', align: 'right' },
      { header: 'errors', align: 'right' },
      { header: 'conn err', align: 'right' },
      { header: 'looks', align: 'right' },
      { header: 'total s', align: 'right' },
    ],
    trials.map((t, i) => [
      `${i + 1} ${t.kind}`,
      t.fault,
      t.state,
      s1(t.restoreSeconds),
      s1(t.decideSeconds),
      s1(t.client.exposureSeconds),
      String(t.client.requests),
      String(t.client.errors),
      String(t.client.connectionErrors),
      `${t.analyses.length}${t.analyses.some((a) => a.extensions > 0) ? `+${t.analyses.reduce((n, a) => n + a.extensions, 0)}x` : ''}`,
      s1(t.totalSeconds),
    ]),
  );
}

export interface SummaryRow {
  system: string;
  source: string;
  p50?: number;
  p90?: number;
  max?: number;
  /** Median errors served per bad canary, all traffic. */
  errorsP50?: number;
  settings: string;
}

/** Our measured row and the peers' rows at the same load and faults. */
export function summaryRows(bad: readonly TrialResult[], totalRps: number): SummaryRow[] {
  const restore = bad.map((t) => t.restoreSeconds).filter((v): v is number => v !== undefined);
  const errorRateTrials = bad.filter((t) => t.errorRate !== undefined);
  const rows: SummaryRow[] = [
    {
      system: 'cara (default canary)',
      source: `measured, ${bad.length} trial(s)`,
      p50: quantile(restore, 0.5),
      p90: quantile(restore, 0.9),
      max: restore.length > 0 ? Math.max(...restore) : Number.NaN,
      errorsP50: quantile(
        errorRateTrials.map((t) => t.errorsAllTrafficEstimate),
        0.5,
      ),
      settings: 'setWeight 10, analysis 20s, setWeight 50, analysis 20s; warm-up 5s',
    },
  ];
  for (const peer of PEER_DEFAULTS) {
    const errors = errorRateTrials
      .map((t) => peerErrors(peer, totalRps, t.errorRate))
      .filter((v): v is number => v !== undefined);
    rows.push({
      system: peer.name,
      source: 'published default configuration',
      p50: peer.restoreSeconds,
      p90: peer.restoreSeconds,
      max: peer.restoreSeconds,
      errorsP50: quantile(errors, 0.5),
      settings: peer.settings,
    });
  }
  return rows;
}

export function formatSummary(rows: readonly SummaryRow[]): string {
  return formatTable(
    [
      { header: 'system' },
      { header: 'source' },
      { header: 'restore p50 s', align: 'right' },
      { header: 'p90 s', align: 'right' },
      { header: 'max s', align: 'right' },
      { header: 'errors/canary p50', align: 'right' },
      { header: 'settings' },
    ],
    rows.map((r) => [
      r.system,
      r.source,
      s1(r.p50),
      s1(r.p90),
      s1(r.max),
      r.errorsP50 === undefined || Number.isNaN(r.errorsP50) ? '-' : String(Math.round(r.errorsP50)),
      r.settings,
    ]),
  );
}

export interface Target {
  name: string;
  pass: boolean;
  detail: string;
}

export function rollbackTargets(bad: readonly TrialResult[], good: TrialResult | undefined): Target[] {
  const restore = bad.map((t) => t.restoreSeconds).filter((v): v is number => v !== undefined);
  const p50 = quantile(restore, 0.5);
  const max = restore.length > 0 ? Math.max(...restore) : Number.NaN;
  const promotedBad = bad.filter((t) => t.state === 'succeeded');
  return [
    {
      name: `p50 time to restore < ${TARGET_P50_SECONDS} s (default intervals)`,
      pass: p50 < TARGET_P50_SECONDS,
      detail: `p50 ${s1(p50)} s over ${restore.length} bad canaries that got traffic`,
    },
    {
      name: `max time to restore < ${TARGET_MAX_SECONDS} s (the team's ask)`,
      pass: max < TARGET_MAX_SECONDS,
      detail: `max ${s1(max)} s`,
    },
    {
      name: 'no bad canary promoted',
      pass: promotedBad.length === 0 && bad.length > 0,
      detail:
        promotedBad.length === 0
          ? `${bad.length} of ${bad.length} stopped (${bad.map((t) => t.state).join(', ')})`
          : `promoted: ${promotedBad.map((t) => t.fault).join(', ')}`,
    },
    {
      name: 'good canary promoted (no false rollback)',
      pass: good?.state === 'succeeded',
      detail: good
        ? `${good.state}${good.reason ? ` (${good.reason})` : ''} in ${s1(good.totalSeconds)} s`
        : 'not run',
    },
  ];
}
