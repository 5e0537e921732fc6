/** How bad a leaked secret (or a vulnerable dependency) is; orders `--fail-on`. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/** Rank of a severity, low = 1 .. critical = 4, for threshold comparisons. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity) + 1;
}

/**
 * How sure a rule is. Provider tokens with a fixed prefix are `provider`; shapes such as PEM blocks,
 * JWTs and credentials in URLs are `structural`; `keyword` rules need a name like `password =`;
 * `entropy` rules only look at randomness. When matches overlap the more specific one wins, and
 * lockfiles and test fixtures are scanned with `provider` and `structural` rules only.
 */
export type Specificity = 'provider' | 'structural' | 'keyword' | 'entropy';

export const SPECIFICITY_RANK: Record<Specificity, number> = {
  entropy: 0,
  keyword: 1,
  structural: 2,
  provider: 3,
};

/** One kind of secret a detector reports, described for people and for SARIF. */
export interface SecretRule {
  /** Stable id, kebab-case, e.g. `aws-access-key-id`; used in allowlists and SARIF. */
  id: string;
  title: string;
  description: string;
  /** What to do about a finding (rotate, revoke, move to a secret store). */
  remediation: string;
  severity: Severity;
  specificity: Specificity;
}

/** A match inside a text: the secret is `text.slice(start, end)`. */
export interface RawMatch {
  ruleId: string;
  start: number;
  end: number;
  /** Where to report the finding when it is not `start` (e.g. the BEGIN line of a PEM block). */
  at?: number;
}

/** A family of rules (one provider or one technique) that finds secrets in a text. */
export interface SecretDetector {
  id: string;
  rules: readonly SecretRule[];
  detect(text: string): RawMatch[];
}

/** One secret found, without the secret itself: a redacted preview and a fingerprint. */
export interface SecretFinding {
  ruleId: string;
  severity: Severity;
  /** Repo-relative posix path. */
  path: string;
  /** 1-based line and column (UTF-16 code units, as SARIF counts them by default). */
  line: number;
  column: number;
  /** The line with every secret on it redacted. */
  preview: string;
  /** sha256 of rule id and secret (hex, 32 chars): stable across scans, safe to store. */
  fingerprint: string;
  /** History scans: the commit, author date and path where the secret first appeared. */
  commit?: string;
  date?: string;
  /** History scans: whether a file at HEAD still holds the secret. */
  presentAtHead?: boolean;
}

/** Why a file was not scanned. */
export type SkipReason = 'binary' | 'too-large' | 'allowlisted' | 'unreadable';

export interface SkippedFile {
  path: string;
  reason: SkipReason;
}
