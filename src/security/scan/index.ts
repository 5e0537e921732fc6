export {
  type Allowlist,
  EMPTY_ALLOWLIST,
  INLINE_ALLOW,
  isPathAllowed,
  isSecretAllowed,
  mergeAllowlists,
  parseAllowlist,
} from './allowlist.js';
export { ALLOWLIST_FILES, loadAllowlists } from './allowlist-files.js';
export { runNpmAudit, unavailable as unavailableDependencyReport } from './deps/npm-audit.js';
export { emptyCounts, type NpmAuditOutcome, npmSeverity, parseNpmAudit } from './deps/parse-npm-audit.js';
export { readNpmAuditFile } from './deps/read-audit-file.js';
export type {
  Advisory,
  DependencyReport,
  DependencyVulnerability,
  FixAvailable,
  SeverityCounts,
} from './deps/types.js';
export { builtinDetectors, rulesById } from './detectors/index.js';
export { isHighEntropyToken, shannonEntropy } from './entropy.js';
export { type HistoryScan, scanHistory } from './history.js';
export { type PathPolicy, pathPolicy } from './path-policy.js';
export { fingerprint, redact } from './redact.js';
export { dependenciesToSarif, sarifLevel, secretsToSarif } from './sarif-report.js';
export { DEFAULT_MAX_FILE_BYTES, type SecretScanOptions } from './scan-options.js';
export { type ScanTextOptions, type ScanTextResult, scanText } from './scan-text.js';
export {
  SEVERITIES,
  type SecretDetector,
  type SecretFinding,
  type SecretRule,
  type Severity,
  type SkippedFile,
  type SkipReason,
  severityRank,
} from './types.js';
export { scanWorkingTree, type WorkingTreeScan } from './working-tree.js';
