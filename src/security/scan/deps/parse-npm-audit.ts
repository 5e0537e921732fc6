import { CaraError } from '../../../core/errors.js';
import type { Severity } from '../types.js';
import type { Advisory, DependencyVulnerability, FixAvailable, SeverityCounts } from './types.js';

/** What an `npm audit --json` output says: a report, or the error npm printed instead. */
export type NpmAuditOutcome =
  | {
      kind: 'report';
      vulnerabilities: DependencyVulnerability[];
      counts: SeverityCounts;
      dependencies?: number;
    }
  | { kind: 'error'; code?: string; message: string };

/** npm's severities on cara's scale: `moderate` is medium, `info` is low. */
export function npmSeverity(value: unknown): Severity {
  if (value === 'critical' || value === 'high' || value === 'low') return value;
  if (value === 'moderate' || value === 'medium') return 'medium';
  return 'low';
}

/** Zero counts for every severity. */
export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

/**
 * Reads parsed `npm audit --json` output (npm 7+, auditReportVersion 2). An `error` object (no
 * lockfile, registry unreachable) becomes `kind: 'error'`. Anything else that is not a report is
 * a DATA_INVALID error naming `source` and the field.
 */
export function parseNpmAudit(json: unknown, source: string): NpmAuditOutcome {
  if (!isObject(json)) throw invalid(source, 'the top level is not a JSON object');
  if (!('vulnerabilities' in json)) {
    const error = isObject(json.error) ? json.error : undefined;
    if (error || typeof json.message === 'string' || typeof json.statusCode === 'number') {
      const code = typeof error?.code === 'string' ? error.code : undefined;
      const message =
        [error?.summary, json.message, error?.detail].find(
          (m): m is string => typeof m === 'string' && m !== '',
        ) ?? (code ? `npm audit failed with ${code}` : 'npm audit failed');
      return { kind: 'error', ...(code ? { code } : {}), message };
    }
    if ('advisories' in json) {
      throw invalid(
        source,
        'this is the npm 6 format (advisories); cara reads npm 7+ output (vulnerabilities)',
      );
    }
    throw invalid(source, 'no "vulnerabilities" object');
  }
  if (!isObject(json.vulnerabilities)) throw invalid(source, '"vulnerabilities" is not an object');
  const vulnerabilities = Object.entries(json.vulnerabilities).map(([key, value]) =>
    vulnerability(key, value, source),
  );
  vulnerabilities.sort((a, b) => rank(b.severity) - rank(a.severity) || a.name.localeCompare(b.name));
  const counts = emptyCounts();
  for (const v of vulnerabilities) counts[v.severity]++;
  const total =
    isObject(json.metadata) && isObject(json.metadata.dependencies)
      ? json.metadata.dependencies.total
      : undefined;
  return {
    kind: 'report',
    vulnerabilities,
    counts,
    ...(typeof total === 'number' ? { dependencies: total } : {}),
  };
}

function vulnerability(key: string, value: unknown, source: string): DependencyVulnerability {
  const where = `vulnerabilities.${key}`;
  if (!isObject(value)) throw invalid(source, `${where} is not an object`);
  if (typeof value.severity !== 'string') throw invalid(source, `${where}.severity is missing`);
  const via = Array.isArray(value.via) ? value.via : [];
  return {
    name: typeof value.name === 'string' ? value.name : key,
    severity: npmSeverity(value.severity),
    isDirect: value.isDirect === true,
    range: typeof value.range === 'string' ? value.range : '*',
    advisories: via.filter(isObject).map((v, i) => advisory(v, `${where}.via[${i}]`, source)),
    via: via.filter((v): v is string => typeof v === 'string'),
    effects: strings(value.effects),
    nodes: strings(value.nodes),
    fixAvailable: fix(value.fixAvailable),
  };
}

function advisory(value: Record<string, unknown>, where: string, source: string): Advisory {
  const url = typeof value.url === 'string' ? value.url : '';
  const ghsa = /GHSA(?:-[0-9a-z]{4}){3}/i.exec(url)?.[0];
  const id = ghsa ?? (value.source !== undefined ? `npm-${String(value.source)}` : undefined);
  if (id === undefined) throw invalid(source, `${where} has neither a url nor a source id`);
  const score = isObject(value.cvss) ? value.cvss.score : undefined;
  return {
    id,
    title: typeof value.title === 'string' ? value.title : id,
    url,
    severity: npmSeverity(value.severity),
    range: typeof value.range === 'string' ? value.range : '*',
    cwe: strings(value.cwe),
    ...(typeof score === 'number' && score > 0 ? { cvssScore: score } : {}),
  };
}

function fix(value: unknown): FixAvailable {
  if (isObject(value) && typeof value.name === 'string' && typeof value.version === 'string') {
    return { name: value.name, version: value.version, isSemVerMajor: value.isSemVerMajor === true };
  }
  return value === true;
}

function rank(severity: Severity): number {
  return ['low', 'medium', 'high', 'critical'].indexOf(severity);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(source: string, detail: string): CaraError {
  return new CaraError('DATA_INVALID', `${source}: not an npm audit report: ${detail}`, {
    hint: 'pass the output of `npm audit --json` (npm 7 or later)',
  });
}
