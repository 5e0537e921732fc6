import {
  explainRisk,
  type RiskScore,
  type ScoreTarget,
  scoreRisk,
  szzLabels,
  trainRisk,
} from '../../change/index.js';
import { CaraError, systemClock } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import { withRuntime } from '../runtime.js';

const open = <T>(ctx: CliContext, command: string, fn: Parameters<typeof withRuntime<T>>[1]) =>
  withRuntime({ cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command }, fn);

const pct = (p: number) => `${(100 * p).toFixed(1)}%`;

export async function runRiskTrain(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const tty = (ctx.output.err as { isTTY?: boolean }).isTTY === true;
  const report = await open(ctx, 'risk train', async (rt) => {
    const result = await trainRisk({
      store: rt.store,
      repo: rt.root,
      clock: systemClock,
      onProgress: (stage, done, total) => {
        if (tty) ctx.output.err.write(`\r${stage} ${done}${total ? `/${total}` : ''}   `);
      },
    });
    if (tty) ctx.output.err.write('\n');
    await rt.audit.record({
      type: 'risk.train',
      outcome: 'success',
      subject: result.modelId ?? 'default',
      reason: result.reason,
      details: {
        commits: result.commits,
        samples: result.samples,
        positives: result.positives,
        trained: result.trained,
        auc: result.evaluation?.auc ?? null,
        brier: result.evaluation?.brier ?? null,
      },
    });
    return result;
  });
  if (options.json) return json(ctx.output, report);
  const { out } = ctx.output;
  line(
    out,
    `mined ${report.commits} commits (${report.mining.added} new${report.mining.shallow ? `; shallow clone: history before ${report.mining.shallowBoundary.map((b) => b.slice(0, 12)).join(', ')} is missing (git fetch --unshallow for all of it)` : ''}${report.mining.remined ? '; history was rewritten, mined again' : ''})`,
  );
  line(out, `SZZ: ${report.fixes} fix commits, ${report.bugIntroducing} bug-introducing commits found`);
  line(
    out,
    `labelled changes: ${report.samples} (${report.positives} bug-introducing); ${report.unlabelledTooYoung} too recent to label`,
  );
  if (!report.trained) {
    line(out, paint(ctx.output, 'yellow', report.reason ?? 'not trained'));
    return;
  }
  const e = report.evaluation;
  if (e) {
    line(
      out,
      `time-ordered evaluation (train on the oldest ${e.trainSize}, test on the newest ${e.testSize}):`,
    );
    line(out, `  AUC ${e.auc.toFixed(3)}   Brier ${e.brier.toFixed(3)}   log-loss ${e.logLoss.toFixed(3)}`);
  }
  line(
    out,
    `${paint(ctx.output, 'green', 'model trained')} on all ${report.samples} labelled changes: ${report.modelId}`,
  );
}

export interface RiskScoreCliOptions {
  range?: string;
  staged?: boolean;
  working?: boolean;
  json?: boolean;
}

export async function runRiskScore(
  ctx: CliContext,
  rev: string | undefined,
  options: RiskScoreCliOptions,
): Promise<void> {
  const chosen = [
    rev !== undefined,
    options.range !== undefined,
    options.staged === true,
    options.working === true,
  ];
  if (chosen.filter(Boolean).length > 1) {
    throw new CaraError('USAGE', 'give one of REV, --range, --staged or --working');
  }
  const target: ScoreTarget = options.range
    ? { range: options.range }
    : options.staged
      ? { staged: true }
      : options.working
        ? { working: true }
        : { rev: rev ?? 'HEAD' };
  const scores = await open(ctx, 'risk score', async (rt) => {
    const result = await scoreRisk({
      store: rt.store,
      repo: rt.root,
      clock: systemClock,
      bands: rt.config.risk.bands,
      target,
    });
    await rt.audit.recordMany(
      result.map((s) => ({
        type: 'risk.score',
        outcome: 'success' as const,
        subject: s.rev,
        details: {
          probability: s.probability,
          band: s.band,
          model: s.model.id,
          factors: s.factors.map((f) => f.text),
        },
      })),
    );
    return result;
  });
  if (options.json)
    return json(
      ctx.output,
      'rev' in target || 'staged' in target || 'working' in target ? scores[0] : scores,
    );
  for (const s of scores) printScore(ctx, s);
  if (scores.length === 0) line(ctx.output.out, 'no commits in that range');
}

function printScore(ctx: CliContext, s: RiskScore): void {
  const colour = s.band === 'high' ? 'red' : s.band === 'medium' ? 'yellow' : 'green';
  const { out } = ctx.output;
  line(out, `${s.rev.slice(0, 12)} ${s.subject}`);
  line(out, `  risk ${pct(s.probability)}  ${paint(ctx.output, colour, s.band.toUpperCase())}`);
  for (const f of s.factors) line(out, `  ${f.direction === 'raises' ? '+' : '-'} ${f.text}`);
  const source =
    s.model.source === 'default'
      ? `the default model (public data)${s.model.reason ? `: ${s.model.reason}` : ''}`
      : `model ${s.model.id}`;
  line(out, paint(ctx.output, 'dim', `  scored by ${source}`));
}

export async function runRiskExplain(
  ctx: CliContext,
  rev: string | undefined,
  options: { json?: boolean },
): Promise<void> {
  const result = await open(ctx, 'risk explain', (rt) =>
    explainRisk({ store: rt.store, repo: rt.root, clock: systemClock, rev: rev ?? 'HEAD' }),
  );
  if (options.json) return json(ctx.output, result);
  line(ctx.output.out, `${result.rev.slice(0, 12)} ${result.subject}  (against ${result.changes} changes)`);
  line(
    ctx.output.out,
    table(
      result.features.map((f) => [
        f.feature,
        fmt(f.value),
        `${Math.round(100 * f.percentile)}%`,
        fmt(f.median),
        fmt(f.p90),
        f.text,
      ]),
      ['feature', 'value', 'percentile', 'median', 'p90', 'in words'],
    ),
  );
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export async function runRiskLabels(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const result = await open(ctx, 'risk labels', (rt) => szzLabels(rt.store.db));
  if (options.json) return json(ctx.output, result);
  line(
    ctx.output.out,
    `${result.labels.length} bug-introducing commits from ${result.fixes} analysed fixes (${result.skipped} skipped)`,
  );
  for (const l of result.labels)
    line(
      ctx.output.out,
      `${l.inducing.slice(0, 12)}  fixed by ${l.fixes.map((f) => f.slice(0, 12)).join(', ')}`,
    );
  if (result.fixes === 0) line(ctx.output.out, 'run `cara risk train` to label the history');
}
