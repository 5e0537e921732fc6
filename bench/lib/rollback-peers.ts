/**
 * How long peers leave a bad canary on traffic, computed from their published default
 * configuration: not measured here (they run on Kubernetes with a metrics server).
 *
 * Sources (read for this benchmark):
 * - Flagger, fluxcd/flagger docs/gitbook/usage/deployment-strategies.md: "schedule interval
 *   (default 60s)"; the time to roll back a canary whose checks fail is `interval * threshold`;
 *   while a check fails, advancement halts (the weight stays where it is).
 * - Flagger, pkg/apis/flagger/v1beta1/canary.go: `AnalysisInterval = 60 * time.Second`;
 *   `GetAnalysisThreshold` returns 1 when no threshold is set.
 * - Flagger's tutorials (e.g. the Istio progressive delivery guide) all configure
 *   `interval: 1m, threshold: 5, maxWeight: 50, stepWeight: 10`: the setup most users copy.
 * - Argo Rollouts, argoproj/argo-rollouts docs/features/analysis.md and
 *   pkg/apis/rollouts/v1alpha1/analysis_types.go: `failureLimit` "the maximum number of times the
 *   measurement is allowed to fail, before the entire metric is considered Failed (default: 0)";
 *   `consecutiveErrorLimit` default 4; a measurement is taken when the run starts, then every
 *   `interval`; a failed analysis aborts the rollout, setting the canary weight back to zero.
 *   With `interval: 1m` the first measurement that can see the canary's errors is one interval in
 *   (the first one is taken as the canary gets its first requests).
 */
export interface PeerDefault {
  name: string;
  /** The settings the estimate comes from. */
  settings: string;
  /** Seconds from the canary's first traffic to all traffic back on stable. */
  restoreSeconds: number;
  /** Canary share (percent) while it is judged bad (advancement halts on failed checks). */
  weight: number;
}

export const PEER_DEFAULTS: readonly PeerDefault[] = [
  {
    name: 'Flagger (docs setup)',
    settings: 'interval 1m, threshold 5, stepWeight 10, maxWeight 50: interval x threshold',
    restoreSeconds: 60 * 5,
    weight: 10,
  },
  {
    name: 'Flagger (code defaults)',
    settings: 'interval 60s, threshold unset = 1, stepWeight 10: interval x threshold',
    restoreSeconds: 60 * 1,
    weight: 10,
  },
  {
    name: 'Argo Rollouts',
    settings: 'AnalysisTemplate interval 1m, failureLimit 0 (default), setWeight 10',
    restoreSeconds: 60 * (0 + 1),
    weight: 10,
  },
];

/**
 * Errors a peer would serve over its restore time at the same load and fault: the canary's share
 * of `rps`, times the fault's error rate. Undefined for faults without a fixed rate (crashes).
 */
export function peerErrors(
  peer: PeerDefault,
  rps: number,
  errorRate: number | undefined,
): number | undefined {
  if (errorRate === undefined) return undefined;
  return Math.round((peer.weight / 100) * rps * errorRate * peer.restoreSeconds);
}
