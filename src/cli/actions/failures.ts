import { isAbsolute, relative, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { buildImportGraph } from '../../change/index.js';
import { CaraError, systemClock, uuidv7 } from '../../core/index.js';
import {
  analyzeFailures,
  type CandidateCommit,
  clusterFailures,
  type FailureCluster,
  type FailureRecord,
  failuresFromLog,
  failuresFromTestResults,
  loadClusterInputs,
  loadMinerState,
  mapFramesToRepo,
  rankSuspects,
  readLogLines,
  saveAnalysis,
  TemplateMiner,
} from '../../failures/index.js';
import { blameLines, commitChangedFiles, commitsInRange, readCommit, trackedFiles } from '../../git/index.js';
import type { Database } from '../../store/index.js';
import { intersectRanges, loadImpact, type TestCaseResult, testFileStats } from '../../testing/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import { type Runtime, withRuntime } from '../runtime.js';

const open = <T>(ctx: CliContext, command: string, fn: Parameters<typeof withRuntime<T>>[1]) =>
  withRuntime({ cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command }, fn);

/** Candidate commits looked at when no green run bounds the range. */
const NO_GREEN_WINDOW = 20;

interface StoredRun {
  id: string;
  commit: string;
  created_at: string;
  failed: number;
}

/** The run asked for, or the latest run with failures. */
async function failingRun(db: Kysely<Database>, id: string | undefined): Promise<StoredRun> {
  let query = db.selectFrom('test_runs').select(['id', 'commit', 'created_at', 'failed']);
  query = id === undefined ? query.where('failed', '>', 0) : query.where('id', '=', id);
  const run = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (run === undefined) {
    throw new CaraError(
      'USAGE',
      id === undefined ? 'No recorded test run has failures.' : `No recorded test run has the id ${id}.`,
      { hint: 'record runs with `cara test run`; their ids are in `cara test run --json` and the audit log' },
    );
  }
  return { ...run, failed: Number(run.failed) };
}

/** The failed tests of a stored run, as test results (the stored text holds message and stack). */
async function failedTests(db: Kysely<Database>, runId: string): Promise<TestCaseResult[]> {
  const rows = await db
    .selectFrom('test_results')
    .selectAll()
    .where('run_id', '=', runId)
    .where('outcome', 'in', ['failed', 'errored'])
    .orderBy('test_id')
    .execute();
  return rows.map((r) => ({
    id: r.test_id,
    file: r.file ?? undefined,
    suite: [],
    name: r.name,
    outcome: r.outcome as 'failed' | 'errored',
    durationMs: Number(r.duration_ms),
    attempts: Number(r.attempts),
    flakyPassed: Number(r.flaky_passed) === 1,
    failure: storedFailure(r.failure ?? `${r.outcome} without a message`),
  }));
}

/** Stored failure text is the message's first line, then the rest (stack, details). */
function storedFailure(text: string): { message: string; stack?: string } {
  const cut = text.indexOf('\n');
  return cut < 0 ? { message: text } : { message: text.slice(0, cut), stack: text.slice(cut + 1) };
}

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

export async function runFailuresSuspects(
  ctx: CliContext,
  options: { run?: string; json?: boolean },
): Promise<void> {
  const report = await open(ctx, 'failures suspects', async (rt) => {
    const db = rt.store.db;
    const run = await failingRun(db, options.run);
    if (run.failed === 0) throw new CaraError('USAGE', `Test run ${run.id} has no failures to explain.`);
    const green = await db
      .selectFrom('test_runs')
      .select(['id', 'commit'])
      .where('failed', '=', 0)
      .where('created_at', '<', run.created_at)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    let shas: string[];
    try {
      shas = green
        ? await commitsInRange(rt.root, `${green.commit}..${run.commit}`)
        : (await commitsInRange(rt.root, run.commit)).slice(-NO_GREEN_WINDOW);
    } catch (error) {
      throw new CaraError(
        'GIT_FAILED',
        `The commits of test run ${run.id} (${run.commit}) are not in this repository.`,
        {
          hint: 'run suspects in the repository the tests ran in, with its history fetched',
          cause: error,
        },
      );
    }
    shas.reverse(); // newest first: ties go to the most recent change
    const files = await trackedFiles(rt.root);
    const failures = failuresFromTestResults(await failedTests(db, run.id)).map((record) => ({
      ...(record.testId ? { testId: record.testId } : {}),
      stack: mapFramesToRepo(record.stack, { root: rt.root, files }),
    }));
    const commits = await candidates(rt.root, shas, db);
    await blameFrames(rt.root, run.commit, failures, commits);
    const graph = await buildImportGraph({ root: rt.root });
    const closures = new Map<string, Map<string, number>>();
    const impact = await loadImpact(db);
    const stats = await testFileStats(db);
    const coFailures: Record<string, Record<string, number>> = {};
    for (const failure of failures) {
      const file = failure.testId?.split('::')[0];
      const co = stats.find((s) => s.file === file)?.coFailure;
      if (failure.testId && co) coFailures[failure.testId] = co;
    }
    const ranking = rankSuspects({
      failures,
      commits,
      coFailures,
      distance: (from, to) => {
        let closure = closures.get(to);
        if (!closure) {
          closure = graph.dependentsClosure([to]);
          closures.set(to, closure);
        }
        return closure.get(from);
      },
      covers: (testFile, file, lines) => {
        const covered = impact?.tests[testFile]?.[file];
        if (covered === undefined) return false;
        return (
          lines === undefined ||
          intersectRanges(
            covered,
            lines.map(([a, b]) => [a, b]),
          ).length > 0
        );
      },
    });
    const result = {
      runId: run.id,
      commit: run.commit,
      since: green ? { runId: green.id, commit: green.commit } : null,
      candidates: commits.length,
      failingTests: failures.map((f) => f.testId).filter((id): id is string => id !== undefined),
      commits: ranking.commits,
      suspects: ranking.suspects,
    };
    await rt.audit.record({
      type: 'failure.suspects',
      outcome: 'success',
      subject: run.id,
      details: {
        candidates: commits.length,
        top: ranking.commits[0]?.sha ?? null,
        topFile: ranking.suspects[0]?.file ?? null,
      },
    });
    return result;
  });
  if (options.json) return json(ctx.output, report);
  const { out } = ctx.output;
  const range = report.since
    ? `since green run at ${report.since.commit.slice(0, 12)}`
    : `in the last ${NO_GREEN_WINDOW} commits (no green run recorded)`;
  line(
    out,
    `${report.failingTests.length} failing tests in run ${report.runId}; ${report.candidates} candidate commits ${range}`,
  );
  if (report.commits.length === 0)
    return line(out, 'no candidate commit has evidence linking it to the failures');
  for (const [i, c] of report.commits.slice(0, 5).entries()) {
    line(
      out,
      `${i + 1}. ${c.sha.slice(0, 12)}  ${c.subject}  (score ${c.score})  ${c.files.slice(0, 3).join(', ')}`,
    );
    for (const e of c.evidence.slice(0, 3)) line(out, paint(ctx.output, 'dim', `     ${e}`));
  }
}

/** Subject, author, changed lines and any stored risk score of each candidate commit. */
async function candidates(
  root: string,
  shas: readonly string[],
  db: Kysely<Database>,
): Promise<CandidateCommit[]> {
  const out: CandidateCommit[] = [];
  for (const sha of shas) {
    const commit = await readCommit(root, sha);
    const changed = await commitChangedFiles(root, sha);
    const risk = await db
      .selectFrom('risk_scores')
      .select('probability')
      .where('rev', '=', sha)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    out.push({
      sha,
      subject: commit.message.split('\n')[0] ?? '',
      author: commit.authorName,
      ...(risk ? { riskScore: Number(risk.probability) } : {}),
      files: changed
        .filter((f) => f.status !== 'deleted')
        .map((f) => ({ path: f.path, changedLines: f.changedLines.map(([a, b]) => [a, b] as const) })),
    });
  }
  return out;
}

/**
 * Stack lines are numbered as of the failing run's commit, a candidate's hunks as of its own: blame
 * each in-repository frame at the failing commit and credit the line to the candidate that last
 * touched it, so a frame on a changed line is recognised even after later commits moved it.
 */
async function blameFrames(
  root: string,
  rev: string,
  failures: readonly { stack: readonly { repoFile?: string; line?: number }[] }[],
  commits: CandidateCommit[],
): Promise<void> {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const seen = new Set<string>();
  for (const failure of failures) {
    for (const frame of failure.stack) {
      if (frame.repoFile === undefined || frame.line === undefined || isAbsolute(frame.repoFile)) continue;
      const key = `${frame.repoFile}:${frame.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const blamed = await blameLines(root, rev, frame.repoFile, [[frame.line, frame.line]]).catch(() => []);
      const commit = blamed[0] === undefined ? undefined : bySha.get(blamed[0].sha);
      if (commit === undefined) continue;
      const files = [...commit.files];
      const index = files.findIndex((f) => f.path === frame.repoFile);
      const entry = files[index] ?? { path: frame.repoFile, changedLines: [] };
      const lines = [...(entry.changedLines ?? []), [frame.line, frame.line] as const];
      if (index >= 0) files[index] = { ...entry, changedLines: lines };
      else files.push({ ...entry, changedLines: lines });
      commit.files = files;
    }
  }
}
