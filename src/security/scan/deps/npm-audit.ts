import { execFile } from 'node:child_process';
import { CaraError } from '../../../core/errors.js';
import { emptyCounts, parseNpmAudit } from './parse-npm-audit.js';
import type { DependencyReport } from './types.js';

export interface NpmAuditOptions {
  /** Gives up (status `unavailable`) after this long; 120 s by default. */
  timeoutMs?: number;
  /** The npm executable; `npm` on PATH by default. */
  npm?: string;
  /** Environment for npm (registry settings come from it and from .npmrc); this process's by default. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `npm audit --json` in `dir` and reads its report. npm exits 1 both when it finds
 * vulnerabilities and when it fails, so the JSON decides: a report is `ok`; a registry that cannot
 * be reached (DNS, refused, proxy or HTTP errors, timeout) is `unavailable`, not a failure; a
 * missing lockfile is a USAGE error; npm missing is EXTERNAL_TOOL_MISSING.
 */
export function runNpmAudit(dir: string, options: NpmAuditOptions = {}): Promise<DependencyReport> {
  const timeout = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    execFile(
      options.npm ?? 'npm',
      ['audit', '--json'],
      {
        cwd: dir,
        timeout,
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
        ...(options.env ? { env: options.env } : {}),
      },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (code === 'ENOENT') {
          return reject(
            new CaraError('EXTERNAL_TOOL_MISSING', 'npm is not installed or not on PATH', {
              hint: 'install Node.js with npm, or run `npm audit --json > audit.json` elsewhere and pass --file',
            }),
          );
        }
        if (error && (error as { killed?: boolean }).killed) {
          return resolve(unavailable(`npm audit did not finish within ${Math.round(timeout / 1000)} s`));
        }
        try {
          resolve(fromOutput(stdout, stderr));
        } catch (failure) {
          reject(failure);
        }
      },
    );
  });
}

function fromOutput(stdout: string, stderr: string): DependencyReport {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    const detail = stderr.trim().split('\n').slice(-3).join(' / ') || 'no JSON output';
    return unavailable(`npm audit printed no report: ${detail}`);
  }
  const outcome = parseNpmAudit(json, 'npm audit');
  if (outcome.kind === 'report') {
    return {
      status: 'ok',
      source: 'npm audit',
      vulnerabilities: outcome.vulnerabilities,
      counts: outcome.counts,
      ...(outcome.dependencies !== undefined ? { dependencies: outcome.dependencies } : {}),
    };
  }
  if (outcome.code === 'ENOLOCK') {
    throw new CaraError('USAGE', `npm audit needs a lockfile: ${outcome.message}`, {
      hint: 'create one with `npm install --package-lock-only`, or pass --file audit.json',
    });
  }
  if (outcome.code === 'EJSONPARSE') {
    throw new CaraError('USAGE', `npm audit cannot read the project: ${outcome.message}`, {
      hint: 'fix package.json / package-lock.json (npm install shows the error)',
    });
  }
  return unavailable(outcome.message);
}

/** The report for an audit service that could not be reached. */
export function unavailable(reason: string): DependencyReport {
  return { status: 'unavailable', source: 'npm audit', vulnerabilities: [], counts: emptyCounts(), reason };
}
