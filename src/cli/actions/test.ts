import { buildImportGraph } from '../../change/index.js';
import { CaraError, systemClock } from '../../core/index.js';
import { changedFiles, filesChangedBetween, resolveCommit } from '../../git/index.js';
import {
  addEntry,
  changeKey,
  classifyTests,
  collectImpact,
  DEFAULT_GLOBAL_INPUTS,
  detectRunner,
  discoverProjectCases,
  type FailureModel,
  fileDurations,
  freshImpact,
  gateOutcome,
  githubMatrix,
  lastRunOfChange,
  loadFailureModel,
  loadQuarantine,
  loadTestHistory,
  loadTrainingRows,
  MIN_MODEL_FAILURES,
  MIN_MODEL_ROWS,
  planShards,
  type RunnerAdapter,
  recordObservations,
  recordTestRun,
  removeEntry,
  retryFailures,
  saveFailureModel,
  saveImpact,
  saveQuarantine,
  selectTests,
  shardItems,
  summarize,
  testFileStats,
  trainFailureModel,
  updateFailureModel,
  type WidenRequest,
} from '../../testing/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import type { Runtime } from '../runtime.js';
import { withRuntime } from '../runtime.js';

const open = <T>(ctx: CliContext, command: string, fn: Parameters<typeof withRuntime<T>>[1]) =>
  withRuntime({ cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command }, fn);

function wholeNumber(text: string, flag: string, min = 0): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new CaraError('USAGE', `${flag} must be a whole number >= ${min}, not "${text}"`);
  return n;
}

export interface TestRunCliOptions extends SelectionChoice {
  runner?: string;
  all?: boolean;
  file: string[];
  retries: string;
  timeout: string;
  json?: boolean;
}

export async function runTestRun(ctx: CliContext, options: TestRunCliOptions): Promise<void> {
  const retries = wholeNumber(options.retries, '--retries');
  const timeoutMs = wholeNumber(options.timeout, '--timeout', 1);
  const result = await open(ctx, 'test run', async (rt) => {
    const runner = await detectRunner(rt.root, options.runner ?? rt.config.test.runner);
    // Given files, or everything with --all; otherwise the tests the change needs.
    let files: string[] | undefined = options.file.length > 0 ? options.file : undefined;
    let scope = files ? 'files' : 'all';
    // The selection is computed for --all too: its feature rows are what the failure model learns from.
    const selection = files ? undefined : await selectForChange(rt, runner, options, !options.all);
    if (selection && !options.all) {
      if (!selection.all) {
        files = selection.tests.map((t) => t.file);
        scope = 'selected';
      }
      if (files && files.length === 0) return undefined;
    }
    const progress = (chunk: string) => {
      if ((ctx.output.err as { isTTY?: boolean }).isTTY) ctx.output.err.write(chunk);
    };
    const first = await runner.run({
      root: rt.root,
      ...(files ? { files } : {}),
      timeoutMs,
      onOutput: progress,
    });
    const run = await retryFailures(first, retries, (again) =>
      runner.run({ root: rt.root, files: again, timeoutMs }),
    );
    const commit = (await resolveCommit(rt.root, 'HEAD')) ?? 'WORKING';
    const now = systemClock.now();
    const runId = await recordTestRun(rt.store, run, { commit, scope, at: now.toISOString() });
    let learning: string | undefined;
    if (selection) {
      const ranAll = scope === 'all';
      await recordObservations(
        rt.store,
        runId,
        selection.change,
        selection.observations.map((o) => (ranAll ? { ...o, selected: true } : o)),
      );
      learning = await learnFromRun(rt, runId, now.toISOString());
    }
    const refreshed = await refreshImpactAfterRun(rt, runner, run.tests, timeoutMs);
    const quarantine = await loadQuarantine(rt.store.db);
    const quarantinedIds = new Set(quarantine.map((q) => q.testId));
    const gate = gateOutcome(
      run.tests.map((t) => ({
        testId: t.file && quarantinedIds.has(t.file) ? t.file : t.id,
        outcome: t.outcome,
      })),
      quarantine,
      now.getTime(),
    );
    const summary = summarize(run);
    await rt.audit.record({
      type: 'test.run',
      outcome: gate.blockingFailures.length === 0 ? 'success' : 'failure',
      subject: commit,
      reason:
        gate.blockingFailures.length === 0 ? undefined : `${gate.blockingFailures.length} failing tests`,
      details: {
        runId,
        runner: run.runner,
        total: summary.total,
        counts: summary.counts,
        flakyPassed: summary.flakyPassed,
        quarantinedFailures: gate.quarantinedFailures.length,
        ...(selection?.change.widened ? { widened: selection.change.widened } : {}),
        ...(learning ? { model: learning } : {}),
      },
    });
    // Say at once what kind of failure it is and whether it is new (stored like `cara failures analyze`).
    const analysis =
      gate.blockingFailures.length > 0
        ? await (await import('./failures.js')).analyzeAndStore(rt, ctx.cwd(), [], {
            id: runId,
            include: true,
          })
        : undefined;
    return {
      runId,
      commit,
      runner: run.runner,
      ...(analysis
        ? {
            analysis: {
              id: analysis.analysisId,
              clusters: analysis.clusters.length,
              newClusters: analysis.newClusters,
            },
          }
        : {}),
      analysisReport: analysis,
      scope,
      ...(selection?.change.widened ? { widened: selection.change.widened } : {}),
      ...(learning ? { model: learning } : {}),
      ...(refreshed > 0 ? { impactRefreshed: refreshed } : {}),
      summary,
      gate,
      tests: run.tests,
    };
  });
  if (!result) {
    if (options.json)
      return json(ctx.output, { scope: 'selected', tests: [], reason: 'the change needs no tests' });
    return line(
      ctx.output.out,
      'the change needs no tests (nothing changed that a test runs); use --all to run everything',
    );
  }
  if (result.gate.blockingFailures.length > 0) ctx.setExitCode(1);
  const { analysisReport, ...shown } = result;
  if (options.json) return json(ctx.output, shown);
  const { out } = ctx.output;
  const c = result.summary.counts;
  if (result.widened) line(out, paint(ctx.output, 'yellow', `selection widened: ${result.widened}`));
  line(
    out,
    `${result.runner}: ${result.summary.total} tests, ${c.passed} passed, ${c.failed + c.errored} failed, ${c.skipped} skipped (${Math.round(result.summary.durationMs)} ms)`,
  );
  if (result.summary.flakyPassed > 0)
    line(out, paint(ctx.output, 'yellow', `${result.summary.flakyPassed} passed only on retry (flaky)`));
  for (const id of result.gate.quarantinedFailures)
    line(out, paint(ctx.output, 'yellow', `quarantined failure (not blocking): ${id}`));
  for (const id of result.gate.blockingFailures) {
    const t = result.tests.find((x) => x.id === id || x.file === id);
    line(
      out,
      `${paint(ctx.output, 'red', 'FAIL')} ${id}${t?.failure ? `\n     ${t.failure.message.split('\n')[0]}` : ''}`,
    );
  }
  if (analysisReport) (await import('./failures.js')).printRunClusters(ctx, analysisReport);
  if (result.impactRefreshed)
    line(out, paint(ctx.output, 'dim', `impact map: refreshed ${result.impactRefreshed} stale entries`));
  line(out, paint(ctx.output, 'dim', `recorded as run ${result.runId}`));
}

export async function runTestFlaky(
  ctx: CliContext,
  options: { all?: boolean; json?: boolean },
): Promise<void> {
  const verdicts = await open(ctx, 'test flaky', async (rt) => {
    const history = await loadTestHistory(rt.store.db);
    return classifyTests(history.records, history.runs);
  });
  const shown = options.all ? verdicts : verdicts.filter((v) => v.class === 'flaky' || v.class === 'broken');
  if (options.json) return json(ctx.output, shown);
  if (shown.length === 0)
    return line(
      ctx.output.out,
      verdicts.length === 0 ? 'no recorded test runs yet (run `cara test run`)' : 'no flaky or broken tests',
    );
  line(
    ctx.output.out,
    table(
      shown.map((v) => [
        v.class,
        v.testId,
        `${v.failures}/${v.runs}`,
        `${(100 * v.wilson.low).toFixed(1)}-${(100 * v.wilson.high).toFixed(1)}%`,
        v.evidence[0] ?? '',
      ]),
      ['class', 'test', 'failed', 'rate (95%)', 'evidence'],
    ),
  );
}

export async function runQuarantineAdd(
  ctx: CliContext,
  testId: string,
  options: { reason: string; expires: string },
): Promise<void> {
  const days = wholeNumber(options.expires, '--expires', 1);
  await open(ctx, 'test quarantine add', async (rt) => {
    const now = systemClock.now().getTime();
    const entries = addEntry(
      await loadQuarantine(rt.store.db),
      {
        testId,
        reason: options.reason,
        addedBy: rt.audit.actor,
        addedAt: now,
        expiresAt: now + days * 86_400_000,
      },
      now,
    );
    await saveQuarantine(rt.store, entries);
    await rt.audit.record({
      type: 'test.quarantine',
      outcome: 'success',
      subject: testId,
      details: { action: 'add', reason: options.reason, days },
    });
  });
  line(
    ctx.output.out,
    `quarantined ${testId} for ${days} days: it still runs and is reported, but never fails a run`,
  );
}

export async function runQuarantineRemove(ctx: CliContext, testId: string): Promise<void> {
  await open(ctx, 'test quarantine remove', async (rt) => {
    const entries = await loadQuarantine(rt.store.db);
    if (!entries.some((e) => e.testId === testId)) {
      throw new CaraError('USAGE', `${testId} is not quarantined`, {
        hint: 'see `cara test quarantine list`',
      });
    }
    await saveQuarantine(rt.store, removeEntry(entries, testId));
    await rt.audit.record({
      type: 'test.quarantine',
      outcome: 'success',
      subject: testId,
      details: { action: 'remove' },
    });
  });
  line(ctx.output.out, `released ${testId} from quarantine`);
}

export async function runQuarantineList(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const entries = await open(ctx, 'test quarantine list', (rt) => loadQuarantine(rt.store.db));
  const now = Date.now();
  const rows = entries.map((e) => ({
    ...e,
    expired: e.expiresAt <= now,
    addedAt: new Date(e.addedAt).toISOString(),
    expiresAt: new Date(e.expiresAt).toISOString(),
  }));
  if (options.json) return json(ctx.output, rows);
  if (rows.length === 0) return line(ctx.output.out, 'no quarantined tests');
  line(
    ctx.output.out,
    table(
      rows.map((r) => [r.testId, r.expired ? 'expired' : r.expiresAt.slice(0, 10), r.addedBy, r.reason]),
      ['test', 'until', 'by', 'reason'],
    ),
  );
}

export interface TestShardCliOptions {
  total: string;
  index?: string;
  runner?: string;
  matrix?: boolean;
  json?: boolean;
}

export async function runTestShard(ctx: CliContext, options: TestShardCliOptions): Promise<void> {
  const total = wholeNumber(options.total, '--total', 1);
  if (options.matrix) return json(ctx.output, githubMatrix(total));
  const index = options.index === undefined ? undefined : wholeNumber(options.index, '--index');
  if (index !== undefined && index >= total)
    throw new CaraError('USAGE', `--index must be below --total (${total})`);
  const plan = await open(ctx, 'test shard', async (rt) => {
    const runner = await detectRunner(rt.root, options.runner);
    const files = await runner.discover(rt.root);
    return planShards(shardItems(files, await fileDurations(rt.store.db)), total);
  });
  const chosen = index === undefined ? undefined : plan.shards[index];
  if (options.json) return json(ctx.output, chosen ?? plan);
  if (chosen) {
    for (const file of chosen.items) line(ctx.output.out, file);
    return;
  }
  for (const s of plan.shards)
    line(ctx.output.out, `shard ${s.index}: ${s.items.length} files, ${Math.round(s.durationMs)} ms`);
  line(ctx.output.out, `imbalance ${(100 * plan.imbalance).toFixed(1)}%`);
}

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

type SelectionChoice = Omit<TestSelectCliOptions, 'runner' | 'json'>;

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
async function selectForChange(rt: Runtime, runner: RunnerAdapter, options: SelectionChoice, audit = true) {
  const selectOptions = selectOptionsOf(options);
  const testFiles = await runner.discover(rt.root);
  const files =
    options.changed.length > 0
      ? options.changed.map((path) => ({ path, status: 'modified' as const }))
      : await changedFiles(rt.root, options.base === undefined ? {} : { base: options.base });
  const base = (await resolveCommit(rt.root, options.base ?? 'HEAD')) ?? 'WORKING';
  const graph = await buildImportGraph({ root: rt.root });
  const stats = await testFileStats(rt.store.db);
  const impact = await freshImpact(rt.store.db, base, async (commit) =>
    (await resolveCommit(rt.root, commit)) === undefined
      ? undefined
      : filesChangedBetween(rt.root, commit, base === 'WORKING' ? 'HEAD' : base),
  );
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
async function learnFromRun(rt: Runtime, runId: string, at: string): Promise<string | undefined> {
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

export async function runTestImpact(
  ctx: CliContext,
  options: { runner?: string; file: string[]; stale?: boolean; json?: boolean },
): Promise<void> {
  const tty = (ctx.output.err as { isTTY?: boolean }).isTTY === true;
  const summary = await open(ctx, 'test impact', async (rt) => {
    const runner = await detectRunner(rt.root, options.runner ?? rt.config.test.runner);
    let files = options.file.length > 0 ? options.file : await runner.discover(rt.root);
    if (options.stale) files = await staleImpactEntries(rt, files);
    const commit = (await resolveCommit(rt.root, 'HEAD')) ?? 'WORKING';
    const map = await collectImpact({
      root: rt.root,
      runner: runner.name,
      adapter: runner,
      files,
      commit,
      now: systemClock.now().toISOString(),
      onProgress: (done, total, file) => {
        if (tty) ctx.output.err.write(`\rcoverage ${done + 1}/${total} ${file}   `);
      },
    });
    if (tty) ctx.output.err.write('\n');
    await saveImpact(rt.store, map);
    const result = {
      commit,
      runner: runner.name,
      tests: Object.keys(map.tests).length,
      sourceFiles: new Set(Object.values(map.tests).flatMap((lines) => Object.keys(lines))).size,
      fileLevelOnly: Object.keys(map.fileLevel ?? {}).length,
    };
    await rt.audit.record({ type: 'test.impact', outcome: 'success', subject: commit, details: result });
    return result;
  });
  if (options.json) return json(ctx.output, summary);
  if (options.stale && summary.tests === 0) return line(ctx.output.out, 'impact map: every entry is fresh');
  line(
    ctx.output.out,
    `impact map: ${summary.tests} test files over ${summary.sourceFiles} source files at ${summary.commit.slice(0, 12)}` +
      (summary.fileLevelOnly > 0 ? ` (${summary.fileLevelOnly} only at file level: no source maps)` : ''),
  );
}

/** The test files whose impact entry is missing, stale against HEAD, or covers a file changed since. */
async function staleImpactEntries(rt: Runtime, files: readonly string[]): Promise<string[]> {
  const head = (await resolveCommit(rt.root, 'HEAD')) ?? 'WORKING';
  const fresh = await freshImpact(rt.store.db, head, async (commit) =>
    (await resolveCommit(rt.root, commit)) === undefined
      ? undefined
      : filesChangedBetween(rt.root, commit, head),
  );
  const stale = new Set(fresh.staleTests);
  const rows = await rt.store.db.selectFrom('test_impact').select(['test_file', 'lines']).execute();
  const moved = new Set(fresh.staleSources);
  for (const row of rows) {
    if (Object.keys(JSON.parse(row.lines) as object).some((source) => moved.has(source)))
      stale.add(row.test_file);
  }
  const known = new Set(rows.map((row) => row.test_file));
  return files.filter((file) => stale.has(file) || !known.has(file));
}

/** `cara test list`: the project's test files, or with --cases every test case found statically. */
export async function runTestList(
  ctx: CliContext,
  options: { runner?: string; cases?: boolean; json?: boolean },
): Promise<void> {
  const listing = await open(ctx, 'test list', async (rt) => {
    const runner = await detectRunner(rt.root, options.runner ?? rt.config.test.runner);
    const files = await runner.discover(rt.root);
    if (!options.cases) return { runner: runner.name, files };
    return { runner: runner.name, files, ...(await discoverProjectCases(rt.root, files)) };
  });
  if (options.json) return json(ctx.output, listing);
  const { out, err } = ctx.output;
  if (!('cases' in listing)) {
    for (const file of listing.files) line(out, file);
    return line(err, paint(ctx.output, 'dim', `${listing.files.length} test files (${listing.runner})`));
  }
  for (const c of listing.cases) {
    const flags = [c.skip ? 'skip' : '', c.only ? 'only' : '', c.dynamic ? 'dynamic name' : ''].filter(
      Boolean,
    );
    line(
      out,
      `${c.id}  ${paint(ctx.output, 'dim', `line ${c.line}${flags.length ? `, ${flags.join(', ')}` : ''}`)}`,
    );
  }
  for (const e of listing.errors) line(err, paint(ctx.output, 'yellow', `${e.file}: ${e.message}`));
  line(
    err,
    paint(
      ctx.output,
      'dim',
      `${listing.cases.length} test cases in ${listing.files.length} files (${listing.runner}, found statically)`,
    ),
  );
}

/**
 * Keeps the impact map current as runs go by: on a clean working tree (so the lines covered are the
 * commit's), re-collects the missing or stale entries of the tests that just ran, up to
 * `test.impactRefreshPerRun`. Does nothing before the first `cara test impact`.
 */
async function refreshImpactAfterRun(
  rt: Runtime,
  runner: RunnerAdapter,
  tests: readonly { file: string | undefined }[],
  timeoutMs: number,
): Promise<number> {
  const limit = rt.config.test.impactRefreshPerRun;
  if (limit === 0) return 0;
  const any = await rt.store.db.selectFrom('test_impact').select('test_file').limit(1).executeTakeFirst();
  if (any === undefined || (await changedFiles(rt.root)).length > 0) return 0;
  const ran = [...new Set(tests.map((t) => t.file).filter((f): f is string => f !== undefined))];
  const stale = (await staleImpactEntries(rt, ran)).slice(0, limit);
  if (stale.length === 0) return 0;
  const commit = (await resolveCommit(rt.root, 'HEAD')) ?? 'WORKING';
  const map = await collectImpact({
    root: rt.root,
    runner: runner.name,
    adapter: runner,
    files: stale,
    commit,
    now: systemClock.now().toISOString(),
    timeoutMs,
  });
  await saveImpact(rt.store, map);
  return Object.keys(map.tests).length;
}
