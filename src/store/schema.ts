import type { ColumnType, GeneratedAlways } from 'kysely';

/**
 * One row per audit event. `leaf` is the event's RFC 8785 canonical JSON, exactly the bytes the
 * Merkle leaf hashes; the query columns are generated from it by the database, so they can never
 * disagree with the evidence.
 */
export interface AuditEventTable {
  seq: number;
  leaf: string;
  /** 32-byte hashes: the leaf, then every complete subtree this leaf closed, by level. */
  hashes: Buffer;
  id: GeneratedAlways<string>;
  type: GeneratedAlways<string>;
  time: GeneratedAlways<string>;
  actor: GeneratedAlways<string>;
  outcome: GeneratedAlways<string>;
  subject: GeneratedAlways<string | null>;
}

export interface AuditHeadTable {
  id: number;
  size: number;
  root: Buffer;
  updated_at: string;
}

export interface AuditCheckpointTable {
  tree_size: number;
  root: Buffer;
  /** The signed note exactly as issued. */
  note: string;
  key_id: string;
  created_at: string;
}

/**
 * One retention pruning of audit events: the rows it replaced by pruned markers (their hashes
 * stay), the archive bundle that holds them, and the bundle's signed manifest, which `verify` checks.
 */
export interface AuditPruneTable {
  id: string;
  created_at: string;
  events: number;
  first_seq: number;
  last_seq: number;
  /** JSON: the pruned indexes as inclusive [first, last] ranges. */
  ranges: string;
  /** Where the bundle was written (relative to the repository root when inside it). */
  bundle: string;
  /** SHA-256 (hex) of the bundle's records file. */
  digest: string;
  /** The bundle's manifest as a signed note. */
  manifest: string;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: ColumnType<string, string, never>;
}

/** One mined commit; `files` is the JSON array of its numstat entries. */
export interface GitCommitTable {
  sha: string;
  /** Mining order: oldest first, so features fold in this order. */
  seq: number;
  parents: string;
  author_name: string;
  author_email: string;
  author_time: number;
  committer_time: number;
  message: string;
  is_merge: number;
  files: string;
}

export interface GitMiningStateTable {
  id: number;
  last_sha: string;
  commits: number;
  shallow: number;
  updated_at: string;
}

/** SZZ: fix commits already analysed, and the bug-introducing commits each one blamed. */
export interface SzzFixTable {
  fix_sha: string;
  analysed_at: string;
  skipped: string | null;
}

export interface SzzInducingTable {
  inducing_sha: string;
  fix_sha: string;
}

export interface RiskModelTable {
  id: string;
  created_at: string;
  kind: string;
  source: string;
  model: string;
  evaluation: string | null;
  active: number;
}

export interface RiskScoreTable {
  id: string;
  created_at: string;
  rev: string;
  probability: number;
  band: string;
  model_id: string;
  features: string;
  factors: string;
}

/** One test run: what ran, where, and how it ended. */
export interface TestRunTable {
  id: string;
  created_at: string;
  commit: string;
  runner: string;
  scope: string;
  total: number;
  failed: number;
  duration_ms: number;
}

/** One test's result in a run; `attempts` counts retries, `flaky_passed` a pass after a failure. */
export interface TestResultTable {
  run_id: string;
  test_id: string;
  file: string | null;
  name: string;
  outcome: string;
  duration_ms: number;
  attempts: number;
  flaky_passed: number;
  failure: string | null;
}

export interface TestQuarantineTable {
  test_id: string;
  reason: string;
  added_by: string;
  added_at: string;
  expires_at: string;
}

/** Impact map: the source lines each test file executed, when it was taken. */
export interface TestImpactTable {
  test_file: string;
  commit: string;
  created_at: string;
  /** JSON: repo file -> executed line ranges. */
  lines: string;
  /** JSON: files only known to have run as a whole (no line mapping was possible). */
  file_level: string;
}

/** The change a test run was for: its key (base + changed paths) and whether it was widened. */
export interface TestRunChangeTable {
  run_id: string;
  change_key: string;
  /** JSON: the changed paths. */
  files: string;
  widened: string | null;
}

/** One test's features against a run's change, selected or not: the failure model's training rows. */
export interface TestObservationTable {
  run_id: string;
  test_file: string;
  selected: number;
  /** JSON array in FAILURE_FEATURES order. */
  features: string;
  prior: number;
}

/** Learned test-failure models; the newest is the active one. */
export interface TestModelTable {
  id: string;
  created_at: string;
  /** JSON FailureModel. */
  params: string;
}

/** Persisted log template miners (JSON state), so templates are reused across analyses. */
export interface FailureMinerTable {
  name: string;
  updated_at: string;
  state: string;
}

/** One `cara failures analyze`: what it read and what it skipped. */
export interface FailureAnalysisTable {
  id: string;
  created_at: string;
  run_id: string | null;
  /** JSON: the log files and/or test run read. */
  sources: string;
  records: number;
  /** JSON: what reading skipped or altered, one line per source. */
  notes: string;
}

/** One failure found by an analysis, with its template and cluster signature. */
export interface FailureRecordTable {
  id: string;
  analysis_id: string;
  created_at: string;
  run_id: string | null;
  source: string;
  test_id: string | null;
  log_file: string | null;
  line_no: number | null;
  template_id: string;
  template: string;
  signature: string;
  message: string;
  text: string;
  /** JSON: the stack frames, with repository files where known. */
  frames: string;
}

/** One deployment of a service version: its persisted state machine. */
export interface DeploymentTable {
  id: string;
  service: string;
  version: string;
  ref: string;
  commit: string | null;
  strategy: string;
  state: string;
  /** Index of the plan step being executed. */
  step: number;
  /** 1 while the deployment holds its service (the per-service lock), 0 once finished. */
  active: number;
  started_by: string;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  outcome: string | null;
  reason: string | null;
  stable_version: string | null;
  /** JSON: the resolved plan (strategy settings, steps, analysis). */
  plan: string;
  /** JSON: instances, weights and analyses so far. */
  data: string;
  /** JSON: a pending operator request (promote, abort, rollback) for the driving process. */
  request: string | null;
  /** `pid@host` of the process driving the deployment. */
  owner: string | null;
  heartbeat_at: string | null;
}

/** The version each service runs now, and its instances. */
export interface DeployServiceTable {
  service: string;
  version: string;
  ref: string;
  commit: string | null;
  checkout_dir: string;
  /** JSON: instance records. */
  instances: string;
  deployment_id: string;
  updated_at: string;
}

export interface DeployApprovalTable {
  id: string;
  deployment_id: string;
  step: number;
  actor: string;
  decision: string;
  comment: string | null;
  created_at: string;
}

/** The project's own tables, as Kysely sees them. */
export interface Database {
  deployments: DeploymentTable;
  deploy_services: DeployServiceTable;
  deploy_approvals: DeployApprovalTable;
  failure_miners: FailureMinerTable;
  failure_analyses: FailureAnalysisTable;
  failure_records: FailureRecordTable;
  test_run_changes: TestRunChangeTable;
  test_observations: TestObservationTable;
  test_models: TestModelTable;
  test_impact: TestImpactTable;
  test_runs: TestRunTable;
  test_results: TestResultTable;
  test_quarantine: TestQuarantineTable;
  git_commits: GitCommitTable;
  git_mining_state: GitMiningStateTable;
  szz_fixes: SzzFixTable;
  szz_inducing: SzzInducingTable;
  risk_models: RiskModelTable;
  risk_scores: RiskScoreTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointTable;
  audit_prunes: AuditPruneTable;
  cara_schema_migrations: SchemaMigrationTable;
}
