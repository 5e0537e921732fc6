import type { Severity } from '../types.js';

/** One advisory npm matched (an object in a vulnerability's `via`). */
export interface Advisory {
  /** GHSA id when the URL has one, else `npm-<source>`. */
  id: string;
  title: string;
  url: string;
  severity: Severity;
  /** The vulnerable version range of the package the advisory is about. */
  range: string;
  cwe: string[];
  cvssScore?: number;
}

/** A fix npm can apply: `true`, none, or an upgrade of another package (maybe semver-major). */
export type FixAvailable = boolean | { name: string; version: string; isSemVerMajor: boolean };

/** One vulnerable package from `npm audit --json` (npm 7+ `vulnerabilities` map). */
export interface DependencyVulnerability {
  name: string;
  severity: Severity;
  isDirect: boolean;
  range: string;
  /** Advisories against this package itself. */
  advisories: Advisory[];
  /** Packages through which it is vulnerable (when it only depends on a vulnerable one). */
  via: string[];
  effects: string[];
  nodes: string[];
  fixAvailable: FixAvailable;
}

export type SeverityCounts = Record<Severity, number>;

/** The outcome of `cara scan deps`: a report, or `unavailable` when the audit service was unreachable. */
export interface DependencyReport {
  status: 'ok' | 'unavailable';
  /** `npm audit` or the file read with --file. */
  source: string;
  vulnerabilities: DependencyVulnerability[];
  counts: SeverityCounts;
  /** Why the report is unavailable (the npm message). */
  reason?: string;
  /** Dependencies npm looked at, when it says. */
  dependencies?: number;
}
