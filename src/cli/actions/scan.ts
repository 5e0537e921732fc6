import { constants, existsSync, readFileSync, statSync } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { CaraError } from '../../core/index.js';
import { findRepoRoot } from '../../git/index.js';
import {
  ALLOWLIST_FILES,
  type DependencyReport,
  dependenciesToSarif,
  type HistoryScan,
  loadAllowlists,
  readNpmAuditFile,
  runNpmAudit,
  SEVERITIES,
  type SecretFinding,
  type Severity,
  scanHistory,
  scanWorkingTree,
  secretsToSarif,
  severityRank,
  type WorkingTreeScan,
} from '../../security/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import { CONFIG_FILE, withRuntime } from '../runtime.js';

type Format = 'table' | 'json' | 'sarif';

export interface ScanOutputOptions {
  format?: string;
  output?: string;
  json?: boolean;
  failOn?: string;
}

export interface ScanSecretsOptions extends ScanOutputOptions {
  history?: boolean;
  allowlist?: string;
  allRules?: boolean;
}

export interface ScanDepsOptions extends ScanOutputOptions {
  file?: string;
}

/** The package version, read from package.json (importing main.js for VERSION would form a cycle). */
const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
const TOOL = { name: 'cara', version: VERSION, informationUri: 'https://www.npmjs.com/package/cara-devops' };

/** `cara scan secrets`: the work tree (or, with --history, every commit); exit 1 at or above --fail-on. */
export async function runScanSecrets(ctx: CliContext, options: ScanSecretsOptions): Promise<void> {
  const format = readFormat(options.format);
  const failOn = readFailOn(options.failOn, 'low');
  const root = await findRepoRoot(ctx.cwd());
  const output = options.output === undefined ? undefined : await writableTarget(ctx, options.output);
  const allowlist = await loadAllowlists(
    root,
    options.allowlist === undefined ? undefined : resolve(ctx.cwd(), options.allowlist),
  );
  const scanOptions = {
    allowlist,
    ignorePaths: ALLOWLIST_FILES,
    ...(options.allRules ? { allRules: true } : {}),
  };
  const scan = options.history
    ? await scanHistory(root, scanOptions)
    : await scanWorkingTree(root, scanOptions);
  const counts = countBy(scan.findings.map((f) => f.severity));
  const failing =
    failOn === undefined
      ? 0
      : scan.findings.filter((f) => severityRank(f.severity) >= severityRank(failOn)).length;
  const report = {
    scanner: 'secrets' as const,
    ...scan,
    counts,
    failOn: failOn ?? 'none',
    failed: failing > 0,
  };
  await recordScan(ctx, root, 'scan secrets', failing, failOn, {
    scanner: 'secrets',
    mode: scan.mode,
    ...('commitsScanned' in scan ? { commits: scan.commitsScanned } : { files: scan.filesScanned }),
    findings: scan.findings.length,
    counts,
    rules: countBy(scan.findings.map((f) => f.ruleId)),
    allowed: scan.allowed,
    skipped: scan.skipped.length,
  });
  const render = (f: Format) =>
    f === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : f === 'sarif'
        ? `${JSON.stringify(secretsToSarif(TOOL, root, scan.findings), null, 2)}\n`
        : `${secretsTable(ctx, scan)}\n`;
  await emit(ctx, format, output, options.json === true, render, secretsSummary(scan));
  if (failing > 0) ctx.setExitCode(1);
}

/** `cara scan deps`: npm audit (or a saved report); `unavailable` when the service cannot be reached. */
export async function runScanDeps(ctx: CliContext, options: ScanDepsOptions): Promise<void> {
  const format = readFormat(options.format);
  const failOn = readFailOn(options.failOn, 'high');
  const root = await findRepoRoot(ctx.cwd());
  const output = options.output === undefined ? undefined : await writableTarget(ctx, options.output);
  const dir = existsSync(join(ctx.cwd(), 'package.json')) ? ctx.cwd() : root;
  const report =
    options.file === undefined
      ? await runNpmAudit(dir)
      : await readNpmAuditFile(resolve(ctx.cwd(), options.file));
  const failing =
    failOn === undefined
      ? 0
      : report.vulnerabilities.filter((v) => severityRank(v.severity) >= severityRank(failOn)).length;
  await recordScan(ctx, root, 'scan deps', failing, failOn, {
    scanner: 'deps',
    source: report.source,
    status: report.status,
    ...(report.reason ? { reason: report.reason } : {}),
    vulnerabilities: report.vulnerabilities.length,
    counts: report.counts,
  });
  const lockfile = join(dir, 'package-lock.json');
  const render = (f: Format) =>
    f === 'json'
      ? `${JSON.stringify({ scanner: 'deps', ...report, failOn: failOn ?? 'none', failed: failing > 0 }, null, 2)}\n`
      : f === 'sarif'
        ? `${JSON.stringify(dependenciesToSarif(TOOL, root, report, relative(root, lockfile), lockfileLines(lockfile)), null, 2)}\n`
        : `${depsTable(ctx, report)}\n`;
  await emit(ctx, format, output, options.json === true, render, depsSummary(report));
  if (failing > 0) ctx.setExitCode(1);
}

function readFormat(value: string | undefined): Format {
  if (value === undefined || value === 'table' || value === 'json' || value === 'sarif')
    return value ?? 'table';
  throw new CaraError('USAGE', `Unknown --format ${value}.`, { hint: 'use --format table, json or sarif' });
}

function readFailOn(value: string | undefined, fallback: Severity): Severity | undefined {
  if (value === undefined) return fallback;
  if (value === 'none') return undefined;
  if ((SEVERITIES as readonly string[]).includes(value)) return value as Severity;
  throw new CaraError('USAGE', `Unknown --fail-on ${value}.`, {
    hint: 'use low, medium, high, critical or none',
  });
}

/** The absolute report path, checked before the scan so a long scan never ends in "cannot write". */
async function writableTarget(ctx: CliContext, file: string): Promise<string> {
  const path = resolve(ctx.cwd(), file);
  const fail = (why: string, cause?: unknown) =>
    new CaraError('USAGE', `Cannot write the report to ${path}: ${why}.`, {
      hint: 'pass --output a path in an existing, writable folder',
      ...(cause === undefined ? {} : { cause }),
    });
  if (existsSync(path) && statSync(path).isDirectory()) throw fail('it is a folder');
  const target = existsSync(path) ? path : dirname(path);
  await access(target, constants.W_OK).catch((error: unknown) =>
    Promise.reject(fail(existsSync(target) ? 'permission denied' : 'the folder does not exist', error)),
  );
  return path;
}

async function emit(
  ctx: CliContext,
  format: Format,
  output: string | undefined,
  asJson: boolean,
  render: (format: Format) => string,
  summary: Record<string, unknown> & { text: string },
): Promise<void> {
  if (output === undefined) {
    ctx.output.out.write(render(asJson ? 'json' : format));
    return;
  }
  await writeFile(output, render(format)).catch((error: unknown) => {
    throw new CaraError('USAGE', `Cannot write the report to ${output}: ${(error as Error).message}.`, {
      hint: 'pass --output a path in an existing, writable folder',
      cause: error,
    });
  });
  const { text, ...rest } = summary;
  if (asJson) return json(ctx.output, { ...rest, output, format });
  line(ctx.output.out, `${text}; ${format} report written to ${output}`);
}

/** Records `scan.run` with counts (never secrets) when cara is set up here; says so when it is not. */
async function recordScan(
  ctx: CliContext,
  root: string,
  command: string,
  failing: number,
  failOn: Severity | undefined,
  details: Record<string, unknown>,
): Promise<void> {
  if (!existsSync(join(root, CONFIG_FILE))) {
    line(
      ctx.output.err,
      `note: not recorded in the audit log: cara is not set up in ${root} (run \`cara init\`)`,
    );
    return;
  }
  const unavailable = details.status === 'unavailable';
  await withRuntime({ cwd: root, env: ctx.env, output: ctx.output, command }, (rt) =>
    rt.audit.record({
      type: 'scan.run',
      outcome: failing > 0 || unavailable ? 'failure' : 'success',
      ...(failing > 0
        ? { reason: `${failing} finding(s) at or above ${failOn}` }
        : unavailable
          ? { reason: 'audit service unavailable' }
          : {}),
      subject: command,
      details,
    }),
  );
}

function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

function secretsSummary(scan: WorkingTreeScan | HistoryScan): { text: string; findings: number } {
  const where = scan.mode === 'history' ? `${scan.commitsScanned} commits` : `${scan.filesScanned} files`;
  const skipped = countBy(scan.skipped.map((s) => s.reason));
  const notes = [
    scan.allowed > 0 ? `${scan.allowed} allowlisted` : '',
    ...Object.entries(skipped).map(
      ([reason, n]) => `${n} skipped (${reason === 'too-large' ? 'over 1 MiB' : reason})`,
    ),
  ].filter(Boolean);
  const text = `${scan.findings.length} secret(s) in ${where}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  return { text, findings: scan.findings.length };
}

function secretsTable(ctx: CliContext, scan: WorkingTreeScan | HistoryScan): string {
  const { text } = secretsSummary(scan);
  if (scan.findings.length === 0) return paint(ctx.output, 'green', `no secrets found: ${text}`);
  const history = scan.mode === 'history';
  const rows = scan.findings.map((f: SecretFinding) => [
    colour(ctx, f.severity),
    f.ruleId,
    `${f.path}:${f.line}:${f.column}`,
    ...(history
      ? [(f.commit ?? '').slice(0, 12), (f.date ?? '').slice(0, 10), f.presentAtHead ? 'yes' : 'no']
      : []),
    f.preview,
  ]);
  const header = [
    'SEVERITY',
    'RULE',
    'LOCATION',
    ...(history ? ['COMMIT', 'DATE', 'AT HEAD'] : []),
    'PREVIEW',
  ];
  return `${table(rows, header)}\n\n${paint(ctx.output, 'red', text)}`;
}

function depsSummary(report: DependencyReport): { text: string; status: string; vulnerabilities: number } {
  const base = { status: report.status, vulnerabilities: report.vulnerabilities.length };
  if (report.status === 'unavailable')
    return { ...base, text: `dependency audit unavailable: ${report.reason ?? ''}` };
  const bySeverity = [...SEVERITIES].reverse().map((s) => `${report.counts[s]} ${s}`);
  return {
    ...base,
    text: `${report.vulnerabilities.length} vulnerable package(s): ${bySeverity.join(', ')}`,
  };
}

function depsTable(ctx: CliContext, report: DependencyReport): string {
  const { text } = depsSummary(report);
  if (report.status === 'unavailable') {
    return `${paint(ctx.output, 'yellow', text)}\nthe audit service could not be reached, so nothing was checked; run again with network access or pass --file audit.json`;
  }
  if (report.vulnerabilities.length === 0) return paint(ctx.output, 'green', text);
  const rows = report.vulnerabilities.map((v) => [
    colour(ctx, v.severity),
    v.name,
    v.range,
    v.advisories.map((a) => a.id).join(', ') || `via ${v.via.join(', ')}`,
    v.fixAvailable === true
      ? 'npm audit fix'
      : v.fixAvailable === false
        ? 'none'
        : `${v.fixAvailable.name}@${v.fixAvailable.version}${v.fixAvailable.isSemVerMajor ? ' (major)' : ''}`,
  ]);
  return `${table(rows, ['SEVERITY', 'PACKAGE', 'RANGE', 'ADVISORY', 'FIX'])}\n\n${text}`;
}

function colour(ctx: CliContext, severity: Severity): string {
  return paint(ctx.output, severity === 'low' ? 'dim' : severity === 'medium' ? 'yellow' : 'red', severity);
}

/** Finds `"node_modules/NAME"` in the lockfile, for SARIF locations; line 1 when absent. */
function lockfileLines(lockfile: string): (name: string) => number {
  const lines = existsSync(lockfile) ? readFileSync(lockfile, 'utf8').split('\n') : [];
  return (name) => {
    const index = lines.findIndex((l) => l.includes(`"node_modules/${name}"`));
    return index === -1 ? 1 : index + 1;
  };
}
