import { type SchemaIssue, validateJsonSchema } from './json-schema.js';
import { sarifSubsetSchema } from './sarif-schema.js';

/**
 * Checks a SARIF log against the SARIF 2.1.0 subset schema plus the rules a schema cannot say:
 * every result's ruleIndex points at its ruleId, and artifact URIs are relative (no scheme, no
 * leading slash) unless they carry no uriBaseId. Empty when the log is valid.
 */
export function checkSarif(log: unknown): SchemaIssue[] {
  const issues = validateJsonSchema(sarifSubsetSchema, log);
  const runs = (log as { runs?: unknown }).runs;
  if (!Array.isArray(runs)) return issues;
  runs.forEach((run: RunLike, r) => {
    const rules = run.tool?.driver?.rules ?? [];
    (run.results ?? []).forEach((result, i) => {
      const at = `/runs/${r}/results/${i}`;
      if (result.ruleIndex !== undefined && rules[result.ruleIndex]?.id !== result.ruleId) {
        issues.push({ path: `${at}/ruleIndex`, message: `does not point at rule ${String(result.ruleId)}` });
      }
      (result.locations ?? []).forEach((location, l) => {
        const artifact = location.physicalLocation?.artifactLocation;
        if (
          artifact?.uriBaseId !== undefined &&
          /^(?:[A-Za-z][A-Za-z0-9+.-]*:|\/)/.test(artifact.uri ?? '')
        ) {
          issues.push({ path: `${at}/locations/${l}`, message: 'uri must be relative to its uriBaseId' });
        }
      });
    });
  });
  return issues;
}

interface RunLike {
  tool?: { driver?: { rules?: { id?: string }[] } };
  results?: {
    ruleId?: string;
    ruleIndex?: number;
    locations?: { physicalLocation?: { artifactLocation?: { uri?: string; uriBaseId?: string } } }[];
  }[];
}
