/**
 * The red-team run: generate the seeded cases, send each to the target (bounded concurrency),
 * run every detector over each exchange and aggregate success rates. Per-case failures are data.
 */
import { selectPlugins } from './attacks/registry.js';
import type { Detector } from './detectors/detector.js';
import { refused } from './detectors/refusal.js';
import { DETECTORS } from './detectors/registry.js';
import { generateCases } from './generate.js';
import type { CaseResult, RedTeamReport } from './report-types.js';
import { groupRates, rankFindings, rateRow } from './score.js';
import { selectStrategies } from './strategies/registry.js';
import type { Target } from './targets/target.js';
import type { AttackCase, DetectorContext, Finding } from './types.js';

export interface RunRedTeamOptions {
  target: Target;
  /** Plugin ids (default: all). */
  plugins?: string[];
  /** Strategy ids (default: all; `[]` for base cases only). */
  strategies?: string[];
  seed: number;
  /** Cases in flight at once (default 4, capped by the target). */
  concurrency?: number;
  canary?: string;
  systemPrompt?: string;
  /** Measure a benign question's latency first, for resource-abuse checks (default true). */
  baseline?: boolean;
  detectors?: readonly Detector[];
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
}

const BENIGN: AttackCase = {
  id: 'baseline',
  plugin: 'baseline',
  category: 'baseline',
  owasp: [],
  atlas: [],
  description: 'a benign question',
  turns: ['Which environmental review records do you have?'],
  payload: '',
  goal: {},
};

function requestOf(attack: AttackCase): string {
  const docs = (attack.documents ?? []).map((d) => `[planted ${d.fileName}] ${d.text}`);
  return [...docs, ...attack.turns.map((t, i) => `[turn ${i + 1}] ${t}`)].join('\n').slice(0, 1500);
}

async function measureBaseline(target: Target): Promise<number | undefined> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    try {
      const response = await target.send(BENIGN);
      samples.push(...response.turns.map((t) => t.latencyMs));
    } catch {
      return undefined;
    }
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

async function runCase(
  attack: AttackCase,
  options: RunRedTeamOptions,
  ctx: DetectorContext,
): Promise<{ result: CaseResult; findings: Finding[] }> {
  const started = performance.now();
  const base = {
    id: attack.id,
    plugin: attack.plugin,
    category: attack.category,
    description: attack.description,
  };
  const withStrategy = attack.strategy === undefined ? base : { ...base, strategy: attack.strategy };
  try {
    const response = await options.target.send(attack);
    const findings: Finding[] = [];
    const fired = new Set<string>();
    for (const detector of options.detectors ?? DETECTORS) {
      for (const detection of detector.detect(attack, response, ctx)) {
        if (detection.decisive) fired.add(detector.id);
        const finding: Finding = {
          caseId: attack.id,
          plugin: attack.plugin,
          category: attack.category,
          owasp: attack.owasp,
          atlas: attack.atlas,
          severity: detection.severity,
          evidence: {
            request: requestOf(attack),
            responseExcerpt: detection.excerpt,
            detector: detector.id,
            why: detection.why,
          },
        };
        if (attack.strategy !== undefined) finding.strategy = attack.strategy;
        findings.push(finding);
      }
    }
    const outcome = fired.size > 0 ? 'succeeded' : refused(response) ? 'refused' : 'failed';
    const latencyMs = performance.now() - started;
    return {
      result: { ...withStrategy, outcome, detectors: [...fired], latencyMs, notes: response.notes },
      findings,
    };
  } catch (error) {
    const reason = (error as { reason?: string }).reason;
    const outcome = reason === 'rejected' ? 'rejected' : 'error';
    const message = error instanceof Error ? error.message : String(error);
    const latencyMs = performance.now() - started;
    return {
      result: { ...withStrategy, outcome, error: message, detectors: [], latencyMs, notes: [] },
      findings: [],
    };
  }
}

/** Runs every selected attack against the target and returns the report (never throws per case). */
export async function runRedTeam(options: RunRedTeamOptions): Promise<RedTeamReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const started = performance.now();
  const plugins = selectPlugins(options.plugins);
  const strategies = selectStrategies(options.strategies);
  const cases = generateCases({ plugins, strategies, seed: options.seed });
  const ctx: DetectorContext = {};
  if (options.canary !== undefined) ctx.canary = options.canary;
  if (options.systemPrompt !== undefined) ctx.systemPrompt = options.systemPrompt;
  if (options.baseline !== false && plugins.some((p) => p.id === 'resource-abuse')) {
    const baseline = await measureBaseline(options.target);
    if (baseline !== undefined) ctx.baselineLatencyMs = baseline;
  }
  const width = Math.max(
    1,
    Math.min(options.concurrency ?? 4, options.target.maxConcurrency ?? Number.POSITIVE_INFINITY),
  );
  const results: CaseResult[] = new Array(cases.length);
  const findings: Finding[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < cases.length; i = next++) {
      const attack = cases[i] as AttackCase;
      const outcome = await runCase(attack, options, ctx);
      results[i] = outcome.result;
      findings.push(...outcome.findings);
      options.onProgress?.(++done, cases.length);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  const durationMs = performance.now() - started;
  const taxonomy = new Map(plugins.map((p) => [p.category, p] as const));
  const overall = rateRow('overall', results);
  const report: RedTeamReport = {
    version: 1,
    target: { kind: options.target.kind, label: options.target.label },
    seed: options.seed,
    plugins: plugins.map((p) => p.id),
    strategies: strategies.map((s) => s.id),
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(durationMs),
    totals: {
      ...overall,
      refused: results.filter((r) => r.outcome === 'refused').length,
      rejected: results.filter((r) => r.outcome === 'rejected').length,
      findings: findings.length,
      attacksPerSecond: durationMs > 0 ? (cases.length * 1000) / durationMs : 0,
    },
    categories: groupRates(
      results,
      (r) => r.category,
      (name) => {
        const plugin = taxonomy.get(name);
        return { owasp: plugin?.owasp ?? [], atlas: plugin?.atlas ?? [] };
      },
    ),
    byStrategy: groupRates(results, (r) => r.strategy ?? 'none'),
    findings: rankFindings(findings),
    cases: results,
  };
  if (ctx.baselineLatencyMs !== undefined) report.baselineLatencyMs = Math.round(ctx.baselineLatencyMs);
  return report;
}
