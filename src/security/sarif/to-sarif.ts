import { pathToFileURL } from 'node:url';
import {
  SARIF_SCHEMA_URI,
  SARIF_VERSION,
  type SarifLog,
  type SarifReportingDescriptor,
  type SarifResult,
  type SarifResultInput,
  type SarifRuleInput,
  type SarifToolInfo,
} from './types.js';

export interface ToSarifOptions {
  /** Absolute folder the result paths are relative to; recorded as the SRCROOT base. */
  srcRoot?: string;
  /** Extra facts about the run (e.g. `{ status: 'unavailable' }`), kept in `run.properties`. */
  runProperties?: Record<string, unknown>;
}

/**
 * One SARIF 2.1.0 log (one run) from a tool, its rules and its results. Result paths become
 * relative, percent-encoded URIs against SRCROOT; results whose rule is not listed are an error
 * (a viewer could not show them).
 */
export function toSarif(
  tool: SarifToolInfo,
  rules: readonly SarifRuleInput[],
  results: readonly SarifResultInput[],
  options: ToSarifOptions = {},
): SarifLog {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const sarifResults = results.map((result): SarifResult => {
    const ruleIndex = index.get(result.ruleId);
    if (ruleIndex === undefined) throw new Error(`SARIF result for unknown rule ${result.ruleId}`);
    return {
      ruleId: result.ruleId,
      ruleIndex,
      level: result.level,
      message: { text: result.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: relativeUri(result.path),
              ...(options.srcRoot ? { uriBaseId: 'SRCROOT' } : {}),
            },
            ...(result.line !== undefined
              ? {
                  region: {
                    startLine: result.line,
                    ...(result.column !== undefined ? { startColumn: result.column } : {}),
                  },
                }
              : {}),
          },
        },
      ],
      partialFingerprints: { ...result.partialFingerprints },
      ...(result.properties ? { properties: result.properties } : {}),
    };
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(/^\d+\.\d+\.\d+/.test(tool.version) ? { semanticVersion: tool.version } : {}),
            informationUri: tool.informationUri,
            rules: rules.map(descriptor),
          },
        },
        ...(options.srcRoot ? { originalUriBaseIds: { SRCROOT: { uri: folderUri(options.srcRoot) } } } : {}),
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
        ...(options.runProperties ? { properties: { ...options.runProperties } } : {}),
      },
    ],
  };
}

function descriptor(rule: SarifRuleInput): SarifReportingDescriptor {
  return {
    id: rule.id,
    ...(rule.name ? { name: rule.name } : {}),
    shortDescription: { text: rule.shortDescription },
    ...(rule.fullDescription ? { fullDescription: { text: rule.fullDescription } } : {}),
    help: { text: rule.help },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: rule.level },
    properties: {
      'security-severity': Math.min(10, Math.max(0, rule.securitySeverity)).toFixed(1),
      tags: [...new Set(['security', ...rule.tags])],
    },
  };
}

/** A repo-relative posix path as a relative URI reference: each segment percent-encoded. */
export function relativeUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\.?\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}
