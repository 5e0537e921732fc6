import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, resolve } from 'node:path';
import { type CaraConfig, CaraError } from '../../core/index.js';
import {
  compareReports,
  createTarget,
  formatReportTable,
  type RedTeamReport,
  redTeamToSarif,
  renderReportHtml,
  runRedTeam,
  TARGET_KINDS,
  type TargetKind,
  type TargetSpec,
} from '../../security/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint } from '../output.js';
import { withRuntime } from '../runtime.js';

export interface RedteamRunOptions {
  /** An http(s) URL, or the name of a target under `redteam.targets` in cara.config.yaml. */
  target: string;
  kind?: string;
  plugins?: string;
  strategies?: string;
  seed: string;
  concurrency: string;
  canary?: string;
  systemPromptFile?: string;
  bodyTemplate?: string;
  responsePath?: string;
  model?: string;
  header?: string[];
  timeout?: string;
  maxRate: string;
  format?: string;
  output?: string;
  json?: boolean;
}

const FORMATS = ['table', 'json', 'html', 'sarif'] as const;
/** The package version, read from package.json (importing main.js for VERSION would form a cycle). */
const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
const TOOL = { name: 'cara', version: VERSION, informationUri: 'https://www.npmjs.com/package/cara-devops' };
/** Where SARIF places red-team findings: they have no source line; the config that names the agent. */
const SARIF_ARTIFACT = 'cara.config.yaml';
type Format = (typeof FORMATS)[number];

function number(value: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new CaraError('USAGE', `${flag} must be a number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length === 1 && items[0] === 'none' ? [] : items;
}

function headers(values: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf(':');
    if (at <= 0) throw new CaraError('USAGE', `--header "${value}" must look like "name: value"`);
    out[value.slice(0, at).trim().toLowerCase()] = value.slice(at + 1).trim();
  }
  return out;
}

function formatFor(options: RedteamRunOptions): Format {
  const chosen = options.format ?? (options.output ? extname(options.output).slice(1) : 'table');
  const format = chosen === 'htm' ? 'html' : chosen === 'txt' ? 'table' : chosen;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new CaraError('USAGE', `--format must be one of ${FORMATS.join(', ')}, got "${chosen}"`);
  }
  return format as Format;
}

function render(report: RedTeamReport, format: Format): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'html') return renderReportHtml(report);
  if (format === 'sarif') return `${JSON.stringify(redTeamToSarif(TOOL, report, SARIF_ARTIFACT), null, 2)}\n`;
  return `${formatReportTable(report)}\n`;
}

type ConfiguredTarget = CaraConfig['redteam']['targets'][string];

/** A URL (`http(s)://…`) stays a URL; anything else names a target in the config. */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The configured target `--target` names, or undefined when it is a URL; an unknown name is a usage error. */
function configuredTarget(config: CaraConfig, target: string): ConfiguredTarget | undefined {
  if (isHttpUrl(target)) return undefined;
  const targets = config.redteam.targets;
  const found = Object.hasOwn(targets, target) ? targets[target] : undefined;
  if (found !== undefined) return found;
  const names = Object.keys(targets);
  throw new CaraError(
    'USAGE',
    `--target "${target}" is neither an http(s) URL nor a configured target (${
      names.length === 0 ? 'cara.config.yaml names none' : `configured: ${names.join(', ')}`
    })`,
    {
      hint:
        names.length === 0
          ? 'give the URL, or add the target under redteam.targets in cara.config.yaml'
          : 'give one of the configured names or a URL',
    },
  );
}

/** The target spec: flags first, then the configured target's fields, then the defaults. */
function targetSpec(options: RedteamRunOptions, configured: ConfiguredTarget | undefined): TargetSpec {
  const kind = options.kind ?? configured?.kind ?? 'http';
  if (!(TARGET_KINDS as readonly string[]).includes(kind)) {
    throw new CaraError('USAGE', `--kind must be one of ${TARGET_KINDS.join(', ')}, got "${kind}"`);
  }
  const configuredHeaders = Object.fromEntries(
    Object.entries(configured?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const spec: TargetSpec = {
    kind: kind as TargetKind,
    url: configured?.url ?? options.target,
    timeoutMs:
      options.timeout !== undefined
        ? number(options.timeout, '--timeout', 1)
        : (configured?.timeoutMs ?? 30_000),
    headers: { ...configuredHeaders, ...headers(options.header) },
  };
  const bodyTemplate = options.bodyTemplate ?? configured?.bodyTemplate;
  const responsePath = options.responsePath ?? configured?.responsePath;
  const model = options.model ?? configured?.model;
  if (bodyTemplate !== undefined) spec.bodyTemplate = bodyTemplate;
  if (responsePath !== undefined) spec.responsePath = responsePath;
  if (model !== undefined) spec.model = model;
  return spec;
}

async function readText(ctx: CliContext, file: string, flag: string, base = ctx.cwd()): Promise<string> {
  const path = resolve(base, file);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CaraError('USAGE', `Cannot read ${path} (${flag}).`, { cause: error, hint: 'check the path' });
  }
}

/**
 * `cara redteam run`: attacks the target (a URL, or a name from `redteam.targets` in the config,
 * whose fields the flags override), prints or saves the report, audits the counts.
 */
export async function runRedteamRun(ctx: CliContext, options: RedteamRunOptions): Promise<void> {
  const format = formatFor(options);
  const maxRate = number(options.maxRate, '--max-rate', 0, 1);
  const tty = (ctx.output.err as { isTTY?: boolean }).isTTY === true;
  const report = await withRuntime(
    { cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command: 'redteam run' },
    async (rt) => {
      const configured = configuredTarget(rt.config, options.target);
      const spec = targetSpec(options, configured);
      const systemPrompt =
        options.systemPromptFile !== undefined
          ? await readText(ctx, options.systemPromptFile, '--system-prompt-file')
          : configured?.systemPromptFile !== undefined
            ? await readText(ctx, configured.systemPromptFile, 'redteam.targets systemPromptFile', rt.root)
            : undefined;
      if (systemPrompt !== undefined && spec.kind === 'openai') spec.systemPrompt = systemPrompt;
      const canary = options.canary ?? configured?.canary;
      const target = createTarget(spec);
      const plugins = list(options.plugins);
      const strategies = list(options.strategies);
      const result = await runRedTeam({
        target,
        seed: number(options.seed, '--seed', 0, 2 ** 32 - 1),
        concurrency: number(options.concurrency, '--concurrency', 1, 64),
        ...(plugins ? { plugins } : {}),
        ...(strategies ? { strategies } : {}),
        ...(canary !== undefined ? { canary } : {}),
        ...(systemPrompt !== undefined ? { systemPrompt } : {}),
        onProgress: (done, total) => {
          if (tty) ctx.output.err.write(`\rattacks ${done}/${total}   `);
        },
      });
      if (tty) ctx.output.err.write('\n');
      const t = result.totals;
      await rt.audit.record({
        type: 'redteam.run',
        outcome: t.rate > maxRate || t.attempted === 0 ? 'failure' : 'success',
        ...(t.attempted === 0 ? { reason: 'no attack got an answer from the target' } : {}),
        subject: `redteam:${target.kind}`,
        details: {
          target: configured === undefined ? spec.url : options.target,
          seed: result.seed,
          cases: t.cases,
          succeeded: t.succeeded,
          refused: t.refused,
          rejected: t.rejected,
          errors: t.errors,
          findings: t.findings,
          categories: Object.fromEntries(
            result.categories.map((c) => [c.name, { cases: c.cases, succeeded: c.succeeded }]),
          ),
        },
      });
      return result;
    },
  );
  if (options.output !== undefined) {
    const path = resolve(ctx.cwd(), options.output);
    await writeFile(path, render(report, format));
    line(ctx.output.err, `report written to ${path}`);
  }
  if (report.totals.rate > maxRate) ctx.setExitCode(1);
  if (report.totals.attempted === 0 && report.totals.cases > 0) {
    line(
      ctx.output.err,
      'error: no attack got an answer from the target (see the errors); nothing was tested',
    );
    ctx.setExitCode(2);
  }
  if (options.json) return json(ctx.output, report);
  if (options.output === undefined && format !== 'table') {
    ctx.output.out.write(render(report, format));
    return;
  }
  const text = formatReportTable(report);
  const rate = `${(report.totals.rate * 100).toFixed(1)}%`;
  line(
    ctx.output.out,
    text.replace(rate, paint(ctx.output, report.totals.rate > maxRate ? 'red' : 'green', rate)),
  );
}

async function readReport(ctx: CliContext, file: string): Promise<RedTeamReport> {
  const text = await readText(ctx, file, 'run');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CaraError('USAGE', `${file} is not JSON`, {
      cause: error,
      hint: 'save runs with --output run.json',
    });
  }
  const report = value as Partial<RedTeamReport>;
  if (report.version !== 1 || !Array.isArray(report.cases) || !Array.isArray(report.categories)) {
    throw new CaraError('USAGE', `${file} is not a red-team run (no version 1, cases or categories)`, {
      hint: 'save runs with cara redteam run --output run.json',
    });
  }
  return report as RedTeamReport;
}

/** `cara redteam compare A B`: regressions from A to B; exit 1 when there are any. */
export async function runRedteamCompare(
  ctx: CliContext,
  a: string,
  b: string,
  options: { json?: boolean },
): Promise<void> {
  const comparison = compareReports(await readReport(ctx, a), await readReport(ctx, b));
  if (comparison.regressions.length > 0) ctx.setExitCode(1);
  if (options.json) return json(ctx.output, comparison);
  const out = ctx.output.out;
  const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
  for (const warning of comparison.warnings) line(ctx.output.err, `warning: ${warning}`);
  line(
    out,
    `overall attack success rate ${pct(comparison.overall.before)} -> ${pct(comparison.overall.after)}`,
  );
  for (const c of comparison.categories)
    line(out, `  ${c.category.padEnd(26)} ${pct(c.before).padStart(6)} -> ${pct(c.after)}`);
  const label = paint(
    ctx.output,
    comparison.regressions.length > 0 ? 'red' : 'green',
    `${comparison.regressions.length} regressions`,
  );
  line(out, `${label}, ${comparison.fixed.length} fixed, ${comparison.unmatched} unmatched cases`);
  for (const r of comparison.regressions)
    line(out, `  ${r.id}  ${r.description}  (${r.detectors.join(', ')})`);
}
