import { relative, resolve } from 'node:path';
import { CaraError, systemClock, uuidv7 } from '../../core/index.js';
import {
  analyzeFailures,
  clusterFailures,
  type FailureCluster,
  type FailureRecord,
  failuresFromLog,
  failuresFromTestResults,
  loadClusterInputs,
  loadMinerState,
  readLogLines,
  saveAnalysis,
  TemplateMiner,
} from '../../failures/index.js';
import { trackedFiles } from '../../git/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import type { Runtime } from '../runtime.js';

import { failedTests, failingRun, open } from './failures-runs.js';

export { runFailuresSuspects } from './failures-suspects.js';

export interface AnalysisReport {
  analysisId: string;
  runId?: string;
  sources: string[];
  notes: string[];
  failures: number;
  newClusters: number;
  clusters: FailureCluster[];
}

/**
 * Reads the failures of log files and/or a recorded run, templates and clusters them, stores the
 * analysis and the miner state, and audits it. `runId` undefined with no files: the latest failing run.
 */
export async function analyzeAndStore(
  rt: Runtime,
  cwd: string,
  files: readonly string[],
  run: { id?: string; include: boolean },
): Promise<AnalysisReport> {
  const records: FailureRecord[] = [];
  const sources: string[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    const shown = relative(rt.root, path).startsWith('..') ? path : relative(rt.root, path);
    const stream = readLogLines(path);
    records.push(...(await failuresFromLog(stream, { file: shown })));
    sources.push(shown);
    notes.push(stream.report().summary);
  }
  let runId: string | undefined;
  if (run.include) {
    const found = await failingRun(rt.store.db, run.id);
    runId = found.id;
    records.push(...failuresFromTestResults(await failedTests(rt.store.db, found.id)));
    sources.push(`test run ${found.id}`);
  }
  const state = await loadMinerState(rt.store.db);
  const miner = state === undefined ? new TemplateMiner() : TemplateMiner.fromJSON(state);
  const analyzed = analyzeFailures(records, { root: rt.root, files: await trackedFiles(rt.root), miner });
  const id = uuidv7();
  const at = systemClock.now().toISOString();
  await saveAnalysis(
    rt.store,
    { id, at, ...(runId ? { runId } : {}), sources, notes },
    analyzed,
    miner.toJSON(),
  );
  const clusters = clusterFailures(await loadClusterInputs(rt.store.db), id).filter((c) => c.inAnalysis > 0);
  const fresh = clusters.filter((c) => c.isNew).length;
  await rt.audit.record({
    type: 'failure.analyze',
    outcome: 'success',
    subject: id,
    details: {
      sources,
      failures: analyzed.length,
      clusters: clusters.length,
      newClusters: fresh,
      ...(runId ? { runId } : {}),
    },
  });
  return {
    analysisId: id,
    ...(runId ? { runId } : {}),
    sources,
    notes,
    failures: analyzed.length,
    newClusters: fresh,
    clusters,
  };
}

export async function runFailuresAnalyze(
  ctx: CliContext,
  files: string[],
  options: { run?: string; json?: boolean },
): Promise<void> {
  const report = await open(ctx, 'failures analyze', (rt) =>
    analyzeAndStore(rt, ctx.cwd(), files, {
      ...(options.run ? { id: options.run } : {}),
      include: files.length === 0 || options.run !== undefined,
    }),
  );
  if (options.json) return json(ctx.output, report);
  const { out, err } = ctx.output;
  for (const note of report.notes) line(err, paint(ctx.output, 'dim', note));
  if (report.failures === 0) return line(out, `no failures found in ${report.sources.join(', ')}`);
  line(
    out,
    `${report.failures} failure${report.failures === 1 ? '' : 's'} in ${report.clusters.length} cluster${report.clusters.length === 1 ? '' : 's'} (${report.newClusters} new) from ${report.sources.join(', ')}`,
  );
  printClusters(ctx, report.clusters, true);
}

/** The short cluster summary `cara test run` prints after a failing run. */
export function printRunClusters(ctx: CliContext, report: AnalysisReport, limit = 3): void {
  const { out } = ctx.output;
  line(
    out,
    `failure analysis: ${report.clusters.length} cluster${report.clusters.length === 1 ? '' : 's'}, ${report.newClusters} new (cara failures suspects ranks the likely commits)`,
  );
  printClusters(ctx, report.clusters.slice(0, limit), true);
}

function printClusters(ctx: CliContext, clusters: readonly FailureCluster[], inAnalysis: boolean): void {
  const { out } = ctx.output;
  for (const c of clusters) {
    const count = inAnalysis ? `${c.inAnalysis}x` : `${c.count}x`;
    const flag = c.isNew ? paint(ctx.output, 'red', 'NEW ') : '    ';
    line(out, `${flag}${count.padStart(4)}  ${c.signature}  ${oneLine(c.template, 100)}`);
    const where = [
      c.frames[0] ? `at ${c.frames[0]}` : '',
      c.tests.length > 0
        ? `tests: ${c.tests.slice(0, 3).join(', ')}${c.tests.length > 3 ? ` +${c.tests.length - 3}` : ''}`
        : '',
      c.logs.length > 0 && c.tests.length === 0 ? `in ${c.logs.slice(0, 2).join(', ')}` : '',
      inAnalysis && !c.isNew
        ? `seen ${c.count}x since ${c.firstSeen.slice(0, 10)} in ${c.runs.length} runs`
        : '',
    ].filter(Boolean);
    if (where.length > 0) line(out, paint(ctx.output, 'dim', `            ${where.join('; ')}`));
  }
}

function oneLine(text: string, max: number): string {
  const first = text.split('\n')[0] ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/** "7d", "12h", "30m" ago, or an ISO date/time. */
export function parseSince(text: string, now: Date): string {
  const match = /^(\d+)(m|h|d|w)$/.exec(text.trim());
  if (match) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[
      match[2] as 'm' | 'h' | 'd' | 'w'
    ];
    return new Date(now.getTime() - Number(match[1]) * unit).toISOString();
  }
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new CaraError('USAGE', `--since "${text}" is neither a duration nor a date`, {
      hint: 'e.g. --since 7d, --since 12h, --since 2026-11-01',
    });
  }
  return date.toISOString();
}

export async function runFailuresClusters(
  ctx: CliContext,
  options: { since?: string; json?: boolean },
): Promise<void> {
  const since = options.since === undefined ? undefined : parseSince(options.since, systemClock.now());
  const clusters = await open(ctx, 'failures clusters', async (rt) =>
    clusterFailures(await loadClusterInputs(rt.store.db, since)),
  );
  if (options.json) return json(ctx.output, clusters);
  if (clusters.length === 0) {
    return line(ctx.output.out, 'no failures recorded yet (run `cara failures analyze`)');
  }
  line(
    ctx.output.out,
    table(
      clusters.map((c) => [
        String(c.count),
        c.signature,
        `${c.firstSeen.slice(0, 10)}..${c.lastSeen.slice(0, 10)}`,
        String(c.tests.length),
        String(c.runs.length),
        oneLine(c.template, 80),
      ]),
      ['count', 'signature', 'seen', 'tests', 'runs', 'template'],
    ),
  );
}
