import type { ServiceConfig } from '../../core/index.js';
import type { InstanceRecord, PreparedVersion } from '../targets/index.js';

export type StrategyName = 'canary' | 'blue-green' | 'rolling';

/** Where a deployment is. Terminal states release the service. */
export type DeployState =
  | 'starting'
  | 'progressing'
  | 'analysing'
  | 'paused'
  | 'awaiting-approval'
  | 'promoting'
  | 'rolling-back'
  | 'succeeded'
  | 'rolled-back'
  | 'aborted'
  | 'failed';

export const TERMINAL_STATES: ReadonlySet<DeployState> = new Set([
  'succeeded',
  'rolled-back',
  'aborted',
  'failed',
]);

export type Outcome = 'promoted' | 'rolled-back' | 'aborted' | 'failed';

/** Which samples an analysis compares. */
export type AnalysisSource =
  /** New version's live share against the stable version's (canary, rolling). */
  | 'live'
  /** New version on the preview port (mirrored and direct traffic) against the live stable version. */
  | 'preview'
  /** New version live after a blue-green switch, against the stable version's last analysed samples. */
  | 'post-switch';

/** One step of a resolved plan. Every step can be executed again after a crash. */
export type PlanStep =
  | { kind: 'start'; instances: number }
  | { kind: 'weight'; weight: number }
  | { kind: 'analysis'; seconds: number; source: AnalysisSource; look: number }
  | { kind: 'pause'; seconds?: number }
  | { kind: 'approval'; roles: string[]; timeoutMinutes: number }
  | { kind: 'preview'; mirrorPercent: number }
  | { kind: 'switch' }
  | { kind: 'batch'; index: number; of: number; newTarget: number }
  | { kind: 'promote' };

export interface AnalysisPlan {
  metrics: ServiceConfig['analysis']['metrics'];
  pass: number;
  marginal: number;
  alpha: number;
  onInconclusive: 'rollback' | 'promote' | 'pause';
  maxExtensions: number;
  warmupSeconds: number;
  tailQuantile: number;
  /** Number of analysis steps in the plan: the looks alpha is spent over. */
  looks: number;
}

export interface Plan {
  strategy: StrategyName;
  /** True when there is no stable version: start and promote without analysis. */
  initial: boolean;
  /** Why this strategy: flag, risk band, config. */
  strategyReason: string;
  instances: number;
  drainMs: number;
  steps: PlanStep[];
  analysis: AnalysisPlan;
}

/** The judge's result for one interval, as kept with the deployment. */
export interface AnalysisRecord {
  step: number;
  at: string;
  source: AnalysisSource;
  decision: string;
  score: number;
  summary: string;
  metrics: { name: string; status: string; explanation: string }[];
  samples: { baseline: number; canary: number };
  extensions: number;
}

/** Samples of the stable version kept for the post-switch comparison. */
export interface BaselineSnapshot {
  latenciesMs: number[];
  requests: number;
  errors: number;
}

export interface DeploymentData {
  newVersion: PreparedVersion;
  newInstances: InstanceRecord[];
  /** The stable version's instances (changes during a rolling deployment). */
  stableInstances: InstanceRecord[];
  stableCheckoutDir: string | null;
  /** Current share of the new version. */
  weight: number;
  analyses: AnalysisRecord[];
  baseline?: BaselineSnapshot;
  /** Deadline of a timed pause or gate, persisted so a resumed deployment keeps it. */
  waitUntil?: string;
  /** Step the deadline belongs to. */
  waitStep?: number;
  timeline: { at: string; message: string }[];
  /** When the new version first received traffic (weight, preview or switch). */
  firstTrafficAt?: string;
  /** When a rollback put all traffic back on the stable version. */
  restoredAt?: string;
}

/** An operator's request to the process driving a deployment. */
export interface OperatorRequest {
  action: 'promote' | 'abort' | 'rollback';
  /** promote: skip the remaining steps instead of only releasing a pause. */
  full?: boolean;
  by: string;
  at: string;
  comment?: string;
}

export interface Deployment {
  id: string;
  service: string;
  version: string;
  ref: string;
  commit: string | null;
  strategy: StrategyName;
  state: DeployState;
  step: number;
  active: boolean;
  startedBy: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  outcome: Outcome | null;
  reason: string | null;
  stableVersion: string | null;
  plan: Plan;
  data: DeploymentData;
  request: OperatorRequest | null;
  owner: string | null;
  heartbeatAt: string | null;
}

/** The version a service runs now. */
export interface ServiceState {
  service: string;
  version: string;
  ref: string;
  commit: string | null;
  checkoutDir: string;
  instances: InstanceRecord[];
  deploymentId: string;
  updatedAt: string;
}

export interface Approval {
  id: string;
  deploymentId: string;
  step: number;
  actor: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  createdAt: string;
}
