import { CaraError, systemClock } from '../../core/index.js';
import { resolveCommit } from '../../git/index.js';
import {
  addEntry,
  classifyTests,
  detectRunner,
  discoverProjectCases,
  fileDurations,
  gateOutcome,
  githubMatrix,
  loadQuarantine,
  loadTestHistory,
  planShards,
  recordObservations,
  recordTestRun,
  removeEntry,
  retryFailures,
  saveQuarantine,
  shardItems,
  summarize,
} from '../../testing/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import { refreshImpactAfterRun } from './test-impact.js';
import { learnFromRun, type SelectionChoice, selectForChange } from './test-selection.js';
import { open, wholeNumber } from './test-shared.js';

export { runTestImpact } from './test-impact.js';
export { parseDuration, runTestLearn, runTestSelect } from './test-selection.js';

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
