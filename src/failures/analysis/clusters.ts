/** One stored failure, as clustering reads it. */
export interface ClusterInput {
  signature: string;
  template: string;
  message: string;
  analysisId: string;
  runId: string | undefined;
  testId: string | undefined;
  logFile: string | undefined;
  lineNo: number | undefined;
  /** ISO time of the analysis that found it. */
  at: string;
  /** `file:line` of the top in-repository frames. */
  frames: string[];
}

/** Failures that share a signature: the same template at the same place in the code. */
export interface FailureCluster {
  signature: string;
  template: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  tests: string[];
  runs: string[];
  /** Log files (with a line) where it appeared, when it came from logs. */
  logs: string[];
  example: string;
  frames: string[];
  /** Never seen before the analysis asked about. */
  isNew: boolean;
  /** Occurrences in the analysis asked about (0 when it did not occur there). */
  inAnalysis: number;
}

/**
 * Groups failures by signature. `analysisId` names the analysis whose view is wanted: a cluster is
 * new when its first occurrence is in that analysis. Clusters come most frequent first.
 */
export function clusterFailures(records: readonly ClusterInput[], analysisId?: string): FailureCluster[] {
  const groups = new Map<string, ClusterInput[]>();
  for (const record of records) {
    const group = groups.get(record.signature);
    if (group) group.push(record);
    else groups.set(record.signature, [record]);
  }
  const clusters: FailureCluster[] = [];
  for (const [signature, group] of groups) {
    group.sort((a, b) => a.at.localeCompare(b.at));
    const first = group[0] as ClusterInput;
    const inAnalysis = analysisId === undefined ? 0 : group.filter((r) => r.analysisId === analysisId).length;
    const seenBefore = analysisId !== undefined && group.some((r) => earlier(r, group, analysisId));
    clusters.push({
      signature,
      template: first.template,
      count: group.length,
      firstSeen: first.at,
      lastSeen: (group[group.length - 1] as ClusterInput).at,
      tests: distinct(group.map((r) => r.testId)),
      runs: distinct(group.map((r) => r.runId)),
      logs: distinct(
        group.map((r) => (r.logFile === undefined ? undefined : `${r.logFile}:${r.lineNo ?? '?'}`)),
      ).slice(0, 5),
      example: first.message,
      frames: first.frames,
      isNew: inAnalysis > 0 && !seenBefore,
      inAnalysis,
    });
  }
  return clusters.sort(
    (a, b) => b.inAnalysis - a.inAnalysis || b.count - a.count || a.signature.localeCompare(b.signature),
  );
}

/** Did `record` come from an analysis before `analysisId` (ids are time-ordered, so ties break by id)? */
function earlier(record: ClusterInput, group: readonly ClusterInput[], analysisId: string): boolean {
  if (record.analysisId === analysisId) return false;
  const at = group.find((r) => r.analysisId === analysisId)?.at;
  if (at === undefined) return true;
  return record.at < at || (record.at === at && record.analysisId < analysisId);
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))].sort();
}
