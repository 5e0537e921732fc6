/** Test selection for a change, the learned failure model, and `cara test select` / `learn`. */
import { buildImportGraph } from '../../change/index.js';
import { CaraError, systemClock } from '../../core/index.js';
import { changedFiles, resolveCommit } from '../../git/index.js';
import {
  changeKey,
  DEFAULT_GLOBAL_INPUTS,
  detectRunner,
  type FailureModel,
  lastRunOfChange,
  loadFailureModel,
  loadTrainingRows,
  MIN_MODEL_FAILURES,
  MIN_MODEL_ROWS,
  type RunnerAdapter,
  saveFailureModel,
  selectTests,
  testFileStats,
  trainFailureModel,
  updateFailureModel,
  type WidenRequest,
} from '../../testing/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint } from '../output.js';
import type { Runtime } from '../runtime.js';
import { impactFreshness } from './test-impact.js';
import { open, wholeNumber } from './test-shared.js';

export interface TestSelectCliOptions {
  base?: string;
  changed: string[];
  confidence?: string;
  budget?: string;
  max?: string;
  runner?: string;
  json?: boolean;
}

/** "90s", "5m", "1500ms", "1h" or a bare number of seconds, in ms. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match)
    throw new CaraError('USAGE', `--budget "${text}" is not a duration`, { hint: 'e.g. 90s, 5m, 1500ms' });
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

export type SelectionChoice = Omit<TestSelectCliOptions, 'runner' | 'json'>;

function selectOptionsOf(options: SelectionChoice) {
  const confidence = options.confidence === undefined ? undefined : Number(options.confidence);
  if (confidence !== undefined && !(confidence > 0 && confidence < 1)) {
    throw new CaraError('USAGE', `--confidence must be between 0 and 1, not "${options.confidence}"`);
  }
  return {
    ...(confidence !== undefined ? { confidence } : {}),
    ...(options.budget !== undefined ? { budgetMs: parseDuration(options.budget) } : {}),
    ...(options.max !== undefined ? { max: wholeNumber(options.max, '--max', 1) } : {}),
  };
}

/**
 * The selection for a change (given files, or the working tree against a base), audited: the impact
 * map checked for staleness, the learned model when there is one, widened when the last selected
 * run of the same change failed (config `test.widenAfterFailure`).
 */
export async function selectForChange(
  rt: Runtime,
  runner: RunnerAdapter,
  options: SelectionChoice,
  audit = true,
) {
  const selectOptions = selectOptionsOf(options);
  const testFiles = await runner.discover(rt.root);
  const files =
    options.changed.length > 0
      ? options.changed.map((path) => ({ path, status: 'modified' as const }))
      : await changedFiles(rt.root, options.base === undefined ? {} : { base: options.base });
  const base = (await resolveCommit(rt.root, options.base ?? 'HEAD')) ?? 'WORKING';
  const graph = await buildImportGraph({ root: rt.root });
  const stats = await testFileStats(rt.store.db);
  const impact = await impactFreshness(rt, base);
  for (const note of impact.notes) line(rt.output.err, paint(rt.output, 'dim', note));
  const model = await activeModel(rt);
  const paths = files.flatMap((f) => ('oldPath' in f && f.oldPath ? [f.oldPath, f.path] : [f.path]));
  const key = changeKey(base, paths);
  const widen = await widenFor(rt, key);
  const result = selectTests(
    {
      change: { files },
      testFiles,
      dependents: (f: readonly string[]) => graph.dependentsClosure(f),
      stats,
      now: systemClock.now().getTime(),
      ...(impact.map ? { impact: impact.map } : {}),
      ...(model ? { model } : {}),
    },
    {
      ...selectOptions,
      globalInputs: rt.config.test.globalInputs ?? [...DEFAULT_GLOBAL_INPUTS],
      ...(widen ? { widen } : {}),
    },
  );
  if (audit) {
    await rt.audit.record({
      type: 'test.select',
      outcome: 'success',
      subject: options.base ?? 'HEAD',
      details: {
        changed: files.length,
        selected: result.tests.length,
        of: testFiles.length,
        all: result.all,
        ranking: result.ranking,
        ...(widen ? { widened: widen.reason } : {}),
      },
    });
  }
  const change = { key, files: [...new Set(paths)].sort(), ...(widen ? { widened: widen.reason } : {}) };
  return { ...result, change, changed: files.map((f) => f.path), of: testFiles.length };
}

/** The widening the last run of this change asks for, if it was a selected run that failed. */
async function widenFor(rt: Runtime, key: string): Promise<WidenRequest | undefined> {
  const mode = rt.config.test.widenAfterFailure;
  if (mode === 'off') return undefined;
  const previous = await lastRunOfChange(rt.store.db, key);
  if (previous === undefined || previous.scope !== 'selected' || previous.failedFiles.length === 0)
    return undefined;
  const n = previous.failedFiles.length;
  return {
    mode,
    reason: `the last selected run of this change (${previous.runId}) had ${n} failing test file${n === 1 ? '' : 's'}`,
    failedTests: previous.failedFiles,
  };
}

/** The stored model; a damaged one is reported and ignored, so selection falls back to structure. */
async function activeModel(rt: Runtime): Promise<FailureModel | undefined> {
  try {
    return await loadFailureModel(rt.store.db);
  } catch (error) {
    if (!(error instanceof CaraError)) throw error;
    line(rt.output.err, paint(rt.output, 'yellow', `${error.message} ${error.hint ?? ''}`.trim()));
    return undefined;
  }
}

/**
 * After a run: nudge the model with the run's rows, or train the first one once the history is
 * large enough. Returns what happened, for the output and the audit event.
 */
export async function learnFromRun(rt: Runtime, runId: string, at: string): Promise<string | undefined> {
  const current = await activeModel(rt);
  if (current) {
    const rows = await loadTrainingRows(rt.store.db, [runId]);
    if (rows.length === 0) return undefined;
    await saveFailureModel(rt.store, updateFailureModel(current, rows), at);
    return `updated with ${rows.length} rows`;
  }
  const rows = await loadTrainingRows(rt.store.db);
  const failures = rows.filter((r) => r.failed === 1).length;
  if (rows.length < MIN_MODEL_ROWS || failures < MIN_MODEL_FAILURES) return undefined;
  await saveFailureModel(rt.store, trainFailureModel(rows, at), at);
  return `trained on ${rows.length} rows`;
}

export async function runTestLearn(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const report = await open(ctx, 'test learn', async (rt) => {
    const rows = await loadTrainingRows(rt.store.db);
    const at = systemClock.now().toISOString();
    const model = trainFailureModel(rows, at);
    const id = await saveFailureModel(rt.store, model, at);
    const usable = model.rows >= MIN_MODEL_ROWS && model.failures >= MIN_MODEL_FAILURES;
    const summary = {
      id,
      rows: model.rows,
      failures: model.failures,
      runs: model.runs,
      usable,
      evaluation: model.evaluation ?? null,
      weights: Object.fromEntries(model.features.map((name, j) => [name, model.coef[j] ?? 0])),
    };
    await rt.audit.record({
      type: 'test.learn',
      outcome: 'success',
      subject: id,
      details: { rows: model.rows, failures: model.failures, runs: model.runs, usable },
    });
    return summary;
  });
  if (options.json) return json(ctx.output, report);
  const { out } = ctx.output;
  line(
    out,
    `test-failure model ${report.id}: ${report.rows} rows from ${report.runs} runs, ${report.failures} failures`,
  );
  const e = report.evaluation;
  if (e) {
    const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));
    line(
      out,
      `newest quarter of runs (${e.holdoutRows} rows, ${e.holdoutFailures} failures): AUC ${fmt(e.auc)} (structural estimate ${fmt(e.priorAuc)}), log loss ${e.logLoss.toFixed(4)} (${e.priorLogLoss.toFixed(4)})`,
    );
  }
  line(
    out,
    report.usable
      ? 'selection now ranks tests with this model'
      : `not used yet: selection keeps the structural estimate until ${MIN_MODEL_ROWS} rows and ${MIN_MODEL_FAILURES} failures are recorded`,
  );
}

export async function runTestSelect(ctx: CliContext, options: TestSelectCliOptions): Promise<void> {
  selectOptionsOf(options);
  const selection = await open(ctx, 'test select', async (rt) =>
    selectForChange(rt, await detectRunner(rt.root, options.runner ?? rt.config.test.runner), options),
  );
  const { observations: _rows, ...shown } = selection;
  if (options.json) return json(ctx.output, shown);
  const { out } = ctx.output;
  line(
    out,
    `${selection.tests.length} of ${selection.of} test files for ${selection.changed.length} changed files${selection.all ? ` (all: ${selection.reason})` : ''}`,
  );
  if (selection.change.widened)
    line(out, paint(ctx.output, 'yellow', `selection widened: ${selection.change.widened}`));
  for (const t of selection.tests) {
    line(
      out,
      `${t.mustRun ? paint(ctx.output, 'bold', 'must') : 'rank'}  ${(100 * t.probability).toFixed(1).padStart(5)}%  ${t.file}`,
    );
    for (const e of t.evidence.slice(0, 2)) line(out, paint(ctx.output, 'dim', `        ${e.detail}`));
  }
}
