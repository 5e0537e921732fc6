/** SARIF result and rule levels (SARIF 2.1.0 §3.27.10). */
export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export const SARIF_VERSION = '2.1.0';
/** The OASIS-published schema location for SARIF 2.1.0 (errata 01). */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The tool that produced a log. */
export interface SarifToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

/** A rule as a scanner describes it; `toSarif` turns it into a reportingDescriptor. */
export interface SarifRuleInput {
  id: string;
  /** PascalCase-ish readable name, e.g. `AwsAccessKeyId`. */
  name?: string;
  shortDescription: string;
  fullDescription?: string;
  /** Remediation text shown by viewers (GitHub shows it under the alert). */
  help: string;
  helpUri?: string;
  level: SarifLevel;
  /** 0.0–10.0, as GitHub code scanning reads `properties.security-severity`. */
  securitySeverity: number;
  tags: readonly string[];
}

/** A result as a scanner reports it; the location is a repo-relative posix path. */
export interface SarifResultInput {
  ruleId: string;
  level: SarifLevel;
  message: string;
  path: string;
  line?: number;
  column?: number;
  /** Stable identities for deduplication across runs, e.g. `{ 'secretFingerprint/v1': '…' }`. */
  partialFingerprints: Record<string, string>;
  properties?: Record<string, unknown>;
}

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifReportingDescriptor {
  id: string;
  name?: string;
  shortDescription: SarifMessage;
  fullDescription?: SarifMessage;
  help: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { 'security-severity': string; tags: string[]; [key: string]: unknown };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region?: { startLine: number; startColumn?: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
  properties?: Record<string, unknown>;
}

export interface SarifRun {
  tool: { driver: SarifToolInfo & { semanticVersion?: string; rules: SarifReportingDescriptor[] } };
  originalUriBaseIds?: Record<string, { uri: string }>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
  properties?: Record<string, unknown>;
}

/** A SARIF 2.1.0 log with one run. */
export interface SarifLog {
  $schema: string;
  version: typeof SARIF_VERSION;
  runs: SarifRun[];
}
