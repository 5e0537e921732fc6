import {
  type SarifLevel,
  type SarifLog,
  type SarifRuleInput,
  type SarifToolInfo,
  toSarif,
} from '../sarif/index.js';
import type { DependencyReport } from './deps/types.js';
import { builtinDetectors } from './detectors/index.js';
import type { SecretDetector, SecretFinding, Severity } from './types.js';

const LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};
const SECURITY_SEVERITY: Record<Severity, number> = { critical: 9.5, high: 8.0, medium: 5.5, low: 3.0 };

/** The SARIF level for a severity: critical/high → error, medium → warning, low → note. */
export function sarifLevel(severity: Severity): SarifLevel {
  return LEVEL[severity];
}

/** A secret scan as SARIF: one rule per detector rule, one result per finding, paths relative to `root`. */
export function secretsToSarif(
  tool: SarifToolInfo,
  root: string,
  findings: readonly SecretFinding[],
  detectors: readonly SecretDetector[] = builtinDetectors,
): SarifLog {
  const rules: SarifRuleInput[] = detectors.flatMap((d) =>
    d.rules.map((rule) => ({
      id: rule.id,
      name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()),
      shortDescription: rule.title,
      fullDescription: rule.description,
      help: rule.remediation,
      level: LEVEL[rule.severity],
      securitySeverity: SECURITY_SEVERITY[rule.severity],
      tags: ['secret', `detector/${d.id}`, `precision/${rule.specificity}`],
    })),
  );
  const titles = new Map(detectors.flatMap((d) => d.rules.map((r) => [r.id, r.title] as const)));
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    level: LEVEL[f.severity],
    message: `${titles.get(f.ruleId) ?? f.ruleId} found${f.commit ? ` (first added in ${f.commit.slice(0, 12)})` : ''}: ${f.preview}`,
    path: f.path,
    line: f.line,
    column: f.column,
    partialFingerprints: { 'secretFingerprint/v1': f.fingerprint },
    properties: {
      fingerprint: f.fingerprint,
      ...(f.commit ? { commit: f.commit, date: f.date, presentAtHead: f.presentAtHead } : {}),
    },
  }));
  return toSarif(tool, rules, results, { srcRoot: root });
}

/**
 * A dependency report as SARIF: one rule per advisory, one result per vulnerable package and
 * advisory, located in the lockfile (`lockfileLine` finds the package's line, 1 when unknown).
 */
export function dependenciesToSarif(
  tool: SarifToolInfo,
  root: string,
  report: DependencyReport,
  lockfile: string,
  lockfileLine: (name: string) => number = () => 1,
): SarifLog {
  const rules = new Map<string, SarifRuleInput>();
  const results = report.vulnerabilities.flatMap((v) =>
    v.advisories.map((a) => {
      rules.set(a.id, {
        id: a.id,
        shortDescription: a.title,
        fullDescription: `${a.title} (${v.name} ${a.range})`,
        help: a.url
          ? `See ${a.url}. Upgrade ${v.name} out of ${a.range} (npm audit fix).`
          : `Upgrade ${v.name} out of ${a.range}.`,
        ...(a.url ? { helpUri: a.url } : {}),
        level: LEVEL[a.severity],
        securitySeverity: a.cvssScore ?? SECURITY_SEVERITY[a.severity],
        tags: ['dependency', 'npm', ...a.cwe],
      });
      return {
        ruleId: a.id,
        level: LEVEL[a.severity],
        message: `${v.name} ${a.range}: ${a.title}${fixText(v.fixAvailable)}`,
        path: lockfile,
        line: lockfileLine(v.name),
        partialFingerprints: { 'dependencyAdvisory/v1': `${v.name}@${a.id}` },
      };
    }),
  );
  return toSarif(tool, [...rules.values()], results, {
    srcRoot: root,
    runProperties: { status: report.status, ...(report.reason ? { reason: report.reason } : {}) },
  });
}

function fixText(fix: DependencyReport['vulnerabilities'][number]['fixAvailable']): string {
  if (fix === true) return ' (fix available: npm audit fix)';
  if (fix === false) return ' (no fix available)';
  return ` (fix: ${fix.name}@${fix.version}${fix.isSemVerMajor ? ', semver-major' : ''})`;
}
