/**
 * The orchestrator of progressive delivery: a deployment is a persisted state machine driven by
 * one process at a time (the per-service lock), resumable after that process dies.
 */
export { judgeConfig, judgeInterval } from './analysis.js';
export { type DeployEnvironment, ownerAlive, serviceConfig, serviceStateDir } from './environment.js';
export {
  claimDeployment,
  decideApproval,
  driveDeployment,
  reconcileService,
  requestAction,
  type StartInput,
  startDeployment,
  stopService,
} from './lifecycle.js';
export { buildPlan, describeStep, type PlanInput } from './plan.js';
export {
  activeDeployments,
  allServiceStates,
  approvalsFor,
  findDeployment,
  getDeployment,
  latestDeployment,
  listDeployments,
  releaseOwner,
  serviceState,
} from './records.js';
export type {
  AnalysisRecord,
  Approval,
  Deployment,
  DeployState,
  Outcome,
  Plan,
  PlanStep,
  ServiceState,
  StrategyName,
} from './types.js';
export { TERMINAL_STATES } from './types.js';
