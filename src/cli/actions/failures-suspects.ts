/** `cara failures suspects`: the commits since the last green run, ranked with evidence. */
import { isAbsolute } from 'node:path';
import type { Kysely } from 'kysely';
import { buildImportGraph } from '../../change/index.js';
import { CaraError } from '../../core/index.js';
import {
  type CandidateCommit,
  failuresFromTestResults,
  mapFramesToRepo,
  rankSuspects,
} from '../../failures/index.js';
import { blameLines, commitChangedFiles, commitsInRange, readCommit, trackedFiles } from '../../git/index.js';
import type { Database } from '../../store/index.js';
import { coFailureCounts, intersectRanges, loadImpact } from '../../testing/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint } from '../output.js';

import { failedTests, failingRun, open } from './failures-runs.js';

/** Candidate commits looked at when no green run bounds the range. */
const NO_GREEN_WINDOW = 20;

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
    const counts = await coFailureCounts(db);
    const coFailures: Record<string, Record<string, number>> = {};
    for (const failure of failures) {
      const co = counts.get(failure.testId?.split('::')[0] ?? '');
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
