import { type SarifLevel, type SarifLog, type SarifToolInfo, toSarif } from '../../sarif/index.js';
import { PLUGINS } from '../attacks/registry.js';
import type { RedTeamReport } from '../report-types.js';
import type { FindingSeverity } from '../types.js';

const LEVEL: Record<FindingSeverity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};
const SECURITY_SEVERITY: Record<FindingSeverity, number> = { critical: 9.5, high: 8, medium: 5.5, low: 3 };

/**
 * The red-team findings as SARIF 2.1.0: one rule per attack plugin (tagged with its OWASP LLM and
 * MITRE ATLAS ids), one result per finding. A finding has no source line, so its location is the
 * file given as `artifact` (e.g. the agent's entry point or config), relative to the repository.
 */
export function redTeamToSarif(tool: SarifToolInfo, report: RedTeamReport, artifact: string): SarifLog {
  const worst = new Map<string, FindingSeverity>();
  for (const finding of report.findings) {
    const seen = worst.get(finding.plugin);
    if (seen === undefined || SECURITY_SEVERITY[finding.severity] > SECURITY_SEVERITY[seen]) {
      worst.set(finding.plugin, finding.severity);
    }
  }
  const rules = PLUGINS.map((plugin) => {
    const severity = worst.get(plugin.id) ?? 'high';
    return {
      id: plugin.id,
      shortDescription: `${plugin.category}: ${plugin.description}`.slice(0, 200),
      help: `Attacks of this kind succeeded against the target (${plugin.owasp.join(', ')}). Screen inputs and retrieved text, never echo the system prompt or secrets, and require confirmation for destructive tools; then run \`cara redteam run\` again.`,
      level: LEVEL[severity],
      securitySeverity: SECURITY_SEVERITY[severity],
      tags: [
        'security',
        'llm',
        ...plugin.owasp.map((id) => `owasp-llm/${id}`),
        ...plugin.atlas.map((id) => `atlas/${id}`),
      ],
    };
  });
  const results = report.findings.map((finding) => ({
    ruleId: finding.plugin,
    level: LEVEL[finding.severity],
    message: `${finding.category}${finding.strategy ? ` (${finding.strategy})` : ''}: ${finding.evidence.why} [detector ${finding.evidence.detector}]`,
    path: artifact,
    partialFingerprints: { 'redteamCase/v1': `${finding.caseId}:${finding.evidence.detector}` },
    properties: {
      caseId: finding.caseId,
      category: finding.category,
      owasp: finding.owasp,
      atlas: finding.atlas,
      request: finding.evidence.request.slice(0, 2000),
      responseExcerpt: finding.evidence.responseExcerpt.slice(0, 2000),
    },
  }));
  return toSarif(tool, rules, results);
}
