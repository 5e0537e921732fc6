import type { RepoStackFrame } from '../stack/index.js';
import type {
  CandidateCommit,
  CandidateCommitFile,
  CommitSuspect,
  RankSuspectsInput,
  Suspect,
  SuspectFailure,
  SuspectRanking,
} from './model.js';

/** Tier weights: each tier's weakest evidence outweighs everything the tiers below can add up to. */
const WEIGHT = { line: 1000, coverage: 300, file: 100, distance: 10, coFailure: 1, risk: 0.1 } as const;
const MAX_EVIDENCE = 6;

/**
 * Ranks the changed files of the candidate commits by how likely each one caused the failures.
 *
 * Each (commit, file) pair scores `1000·L + 300·V + 100·F + 10·D + 1·C + 0.1·R`, where every term is 0
 * when there is no such evidence and otherwise lies in [0.5, 1]:
 * - L, stack frames on a line the commit changed: `1 − 0.5/n` for n distinct such frames;
 * - V, failing tests whose recorded coverage runs the lines the commit changed: `1 − 0.5/n` for n tests;
 * - F, stack frames in the file but not on a changed line (or with unknown changed lines): same form;
 * - D, import-graph distance d from the failing test or a frame's file: `0.5 + 0.5/(d+1)`
 *   (d = 0 when the failing test file itself changed);
 * - C, co-failure history, c earlier failures of the test right after this file changed:
 *   `0.5 + 0.5·c/(c+1)`;
 * - R, the commit's risk score clamped to [0, 1] (a tie-breaker only).
 * Because the weakest value of a tier (0.5 × weight) exceeds the sum of all lower tiers, a frame on a
 * changed line always beats a frame elsewhere in a changed file, which beats any graph distance,
 * which beats co-failure, which beats risk. Pairs without any evidence are left out. Ties keep the
 * order of `commits`, then the file order.
 */
export function rankSuspects(input: RankSuspectsInput): SuspectRanking {
  const scored: Array<Suspect & { order: number }> = [];
  input.commits.forEach((commit, commitIndex) => {
    commit.files.forEach((file, fileIndex) => {
      const suspect = scoreFile(commit, file, input);
      if (suspect.score > 0) scored.push({ ...suspect, order: commitIndex * 1e6 + fileIndex });
    });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const suspects = scored.map(({ order: _order, ...suspect }) => suspect);
  return { suspects, commits: rollUp(input.commits, suspects) };
}

function scoreFile(commit: CandidateCommit, file: CandidateCommitFile, input: RankSuspectsInput): Suspect {
  const lineHits = new Set<string>();
  const fileHits = new Set<string>();
  for (const failure of input.failures) {
    for (const frame of failure.stack) {
      if (frame.repoFile !== file.path) continue;
      const where = frame.line === undefined ? file.path : `${file.path}:${frame.line}`;
      if (onChangedLine(frame, file)) lineHits.add(where);
      else fileHits.add(where);
    }
  }
  for (const hit of lineHits) fileHits.delete(hit);
  const evidence: string[] = [];
  let score = 0;
  if (lineHits.size > 0) {
    score += WEIGHT.line * countStrength(lineHits.size);
    for (const where of lineHits) evidence.push(`stack frame ${where} is a line this commit changed`);
  }
  const covering = coveringTests(file, input);
  if (covering.length > 0) {
    score += WEIGHT.coverage * countStrength(covering.length);
    for (const test of covering.slice(0, 2)) {
      evidence.push(
        `the failing test ${test} runs ${file.changedLines === undefined ? file.path : `lines this commit changed in ${file.path}`}`,
      );
    }
  }
  if (fileHits.size > 0) {
    score += WEIGHT.file * countStrength(fileHits.size);
    const note = file.changedLines === undefined ? '' : ', not on a changed line';
    for (const where of fileHits)
      evidence.push(`stack frame ${where} is in a file this commit changed${note}`);
  }
  const near = nearest(file.path, input);
  if (near !== undefined) {
    score += WEIGHT.distance * (0.5 + 0.5 / (near.distance + 1));
    evidence.push(near.evidence);
  }
  const co = coFailure(file.path, input);
  if (co !== undefined) {
    score += WEIGHT.coFailure * (0.5 + (0.5 * co.count) / (co.count + 1));
    evidence.push(
      `${co.testId} failed after ${co.count} earlier change${co.count === 1 ? '' : 's'} to ${file.path}`,
    );
  }
  if (commit.riskScore !== undefined && Number.isFinite(commit.riskScore) && commit.riskScore > 0) {
    const risk = Math.min(1, commit.riskScore);
    score += WEIGHT.risk * risk;
    evidence.push(`risk score ${risk.toFixed(2)}`);
  }
  return { sha: commit.sha, file: file.path, score: round(score), evidence: evidence.slice(0, MAX_EVIDENCE) };
}

function coveringTests(file: CandidateCommitFile, input: RankSuspectsInput): string[] {
  if (input.covers === undefined) return [];
  const tests = new Set<string>();
  for (const failure of input.failures) {
    const testFile = testFileOf(failure);
    if (
      testFile !== undefined &&
      testFile !== file.path &&
      input.covers(testFile, file.path, file.changedLines)
    ) {
      tests.add(testFile);
    }
  }
  return [...tests].sort();
}

function onChangedLine(frame: RepoStackFrame, file: CandidateCommitFile): boolean {
  const line = frame.line;
  if (line === undefined || file.changedLines === undefined) return false;
  return file.changedLines.some(([start, end]) => line >= start && line <= end);
}

/** 0.5 for one piece of evidence, approaching 1 as more pile up. */
function countStrength(n: number): number {
  return 1 - 0.5 / n;
}

function testFileOf(failure: SuspectFailure): string | undefined {
  if (failure.testFile !== undefined) return failure.testFile;
  const file = failure.testId?.split('::')[0];
  return file === undefined || file === '' ? undefined : file;
}

function nearest(
  target: string,
  input: RankSuspectsInput,
): { distance: number; evidence: string } | undefined {
  let best: { distance: number; evidence: string } | undefined;
  for (const failure of input.failures) {
    const testFile = testFileOf(failure);
    if (testFile === target) return { distance: 0, evidence: `the failing test ${target} itself changed` };
    if (input.distance === undefined) continue;
    const from = new Set<string>();
    if (testFile !== undefined) from.add(testFile);
    for (const frame of failure.stack)
      if (frame.repoFile !== undefined && frame.repoFile !== target) from.add(frame.repoFile);
    for (const source of from) {
      const distance = input.distance(source, target);
      if (distance === undefined || !Number.isFinite(distance) || distance < 0) continue;
      if (best !== undefined && best.distance <= distance) continue;
      const who = source === testFile ? 'the failing test' : `${source} from the stack`;
      best = { distance, evidence: `${target} is imported by ${who} (distance ${distance})` };
    }
  }
  return best;
}

function coFailure(target: string, input: RankSuspectsInput): { testId: string; count: number } | undefined {
  let best: { testId: string; count: number } | undefined;
  for (const failure of input.failures) {
    if (failure.testId === undefined) continue;
    const count = input.coFailures?.[failure.testId]?.[target];
    if (count === undefined || !(count > 0)) continue;
    if (best === undefined || count > best.count) best = { testId: failure.testId, count };
  }
  return best;
}

function rollUp(commits: readonly CandidateCommit[], suspects: readonly Suspect[]): CommitSuspect[] {
  const rolled: CommitSuspect[] = [];
  for (const commit of commits) {
    const mine = suspects.filter((suspect) => suspect.sha === commit.sha);
    const top = mine[0];
    if (top === undefined) continue;
    const evidence = [...new Set(mine.flatMap((suspect) => suspect.evidence))].slice(0, MAX_EVIDENCE);
    rolled.push({
      sha: commit.sha,
      subject: commit.subject,
      ...(commit.author === undefined ? {} : { author: commit.author }),
      score: top.score,
      files: mine.map((suspect) => suspect.file),
      evidence,
    });
  }
  return rolled.sort((a, b) => b.score - a.score);
}

function round(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}
