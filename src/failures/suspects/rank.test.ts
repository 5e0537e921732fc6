import { describe, expect, it } from 'vitest';
import type { RepoStackFrame } from '../stack/index.js';
import type { CandidateCommit, SuspectFailure } from './model.js';
import { rankSuspects } from './rank.js';

function frame(repoFile: string, line: number): RepoStackFrame {
  return { file: `/w/app/${repoFile}`, line, column: 1, format: 'v8', internal: false, repoFile };
}

const failure: SuspectFailure = {
  testId: 'src/math.test.ts::add::adds numbers',
  stack: [frame('src/math.ts', 14), frame('src/format.ts', 40), frame('src/math.test.ts', 5)],
};

const commits: CandidateCommit[] = [
  {
    sha: 'aaa',
    subject: 'Tidy docs',
    riskScore: 0.9,
    files: [{ path: 'README.md', changedLines: [[1, 3]] }],
  },
  { sha: 'bbb', subject: 'Round results', files: [{ path: 'src/format.ts', changedLines: [[1, 10]] }] },
  {
    sha: 'ccc',
    subject: 'Fix add',
    author: 'ana',
    files: [{ path: 'src/math.ts', changedLines: [[12, 15]] }],
  },
  { sha: 'ddd', subject: 'Bump util', riskScore: 0.2, files: [{ path: 'src/util.ts' }] },
  { sha: 'eee', subject: 'Touch config', files: [{ path: 'src/config.ts' }] },
];

describe('rankSuspects', () => {
  it('ranks a changed line over a changed file over distance over co-failure over risk', () => {
    const ranking = rankSuspects({
      failures: [failure],
      commits,
      distance: (from, to) => (from === 'src/math.ts' && to === 'src/util.ts' ? 1 : undefined),
      coFailures: { 'src/math.test.ts::add::adds numbers': { 'src/config.ts': 3 } },
    });
    expect(ranking.suspects.map((suspect) => [suspect.sha, suspect.file])).toEqual([
      ['ccc', 'src/math.ts'],
      ['bbb', 'src/format.ts'],
      ['ddd', 'src/util.ts'],
      ['eee', 'src/config.ts'],
      ['aaa', 'README.md'],
    ]);
    expect(ranking.suspects.map((suspect) => suspect.evidence)).toEqual([
      ['stack frame src/math.ts:14 is a line this commit changed'],
      ['stack frame src/format.ts:40 is in a file this commit changed, not on a changed line'],
      ['src/util.ts is imported by src/math.ts from the stack (distance 1)', 'risk score 0.20'],
      ['src/math.test.ts::add::adds numbers failed after 3 earlier changes to src/config.ts'],
      ['risk score 0.90'],
    ]);
    expect(ranking.commits[0]).toEqual({
      sha: 'ccc',
      subject: 'Fix add',
      author: 'ana',
      score: ranking.suspects[0]?.score,
      files: ['src/math.ts'],
      evidence: ['stack frame src/math.ts:14 is a line this commit changed'],
    });
  });

  it('keeps the tiers apart even when the lower tiers pile up', () => {
    const many: SuspectFailure = {
      testId: 'src/a.test.ts::::a',
      stack: Array.from({ length: 30 }, (_, index) => frame('src/hot.ts', 100 + index)),
    };
    const ranking = rankSuspects({
      failures: [many, { testId: 'src/b.test.ts::::b', stack: [frame('src/cold.ts', 5)] }],
      commits: [
        { sha: 'many', subject: 'x', riskScore: 1, files: [{ path: 'src/hot.ts', changedLines: [[1, 2]] }] },
        { sha: 'one', subject: 'y', files: [{ path: 'src/cold.ts', changedLines: [[5, 5]] }] },
      ],
      distance: () => 0,
      coFailures: { 'src/a.test.ts::::a': { 'src/hot.ts': 50 } },
    });
    expect(ranking.commits.map((commit) => commit.sha)).toEqual(['one', 'many']);
  });

  it('counts the failing test file itself as distance 0, without a distance function', () => {
    const ranking = rankSuspects({
      failures: [{ testId: 'src/math.test.ts::::adds', stack: [] }],
      commits: [
        { sha: 't', subject: 'Change the test', files: [{ path: 'src/math.test.ts' }, { path: 'b.ts' }] },
      ],
    });
    expect(ranking.suspects).toEqual([
      {
        sha: 't',
        file: 'src/math.test.ts',
        score: 10,
        evidence: ['the failing test src/math.test.ts itself changed'],
      },
    ]);
  });

  it('treats frames in a file with unknown changed lines as file hits and prefers more hits', () => {
    const ranking = rankSuspects({
      failures: [{ stack: [frame('src/a.ts', 1), frame('src/a.ts', 2), frame('src/b.ts', 3)] }],
      commits: [
        { sha: 'b', subject: 'b', files: [{ path: 'src/b.ts' }] },
        { sha: 'a', subject: 'a', files: [{ path: 'src/a.ts' }] },
      ],
    });
    expect(ranking.suspects.map((suspect) => [suspect.sha, suspect.evidence.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(ranking.suspects[1]?.evidence).toEqual([
      'stack frame src/b.ts:3 is in a file this commit changed',
    ]);
  });

  it('returns nothing when nothing points at the candidates', () => {
    expect(
      rankSuspects({ failures: [failure], commits: [{ sha: 'z', subject: 'z', files: [{ path: 'x.ts' }] }] }),
    ).toEqual({ suspects: [], commits: [] });
  });

  it('puts a commit whose changed lines the failing test runs above one that is merely imported', () => {
    // An assertion failure: the only frame is in the test, so stack evidence cannot decide.
    const assertion: SuspectFailure = {
      testId: 'test/math.test.js::::multiplies',
      stack: [frame('test/math.test.js', 6)],
    };
    const candidates: CandidateCommit[] = [
      { sha: 'new', subject: 'Add shout', files: [{ path: 'src/strings.js', changedLines: [[5, 7]] }] },
      { sha: 'bad', subject: 'Break multiply', files: [{ path: 'src/math.js', changedLines: [[6, 6]] }] },
    ];
    const ranking = rankSuspects({
      failures: [assertion],
      commits: candidates,
      distance: () => 2,
      covers: (test, file, lines) =>
        test === 'test/math.test.js' &&
        file === 'src/math.js' &&
        (lines ?? []).some(([a, b]) => a <= 6 && 6 <= b),
    });
    expect(ranking.commits.map((c) => c.sha)).toEqual(['bad', 'new']);
    expect(ranking.suspects[0]?.evidence[0]).toBe(
      'the failing test test/math.test.js runs lines this commit changed in src/math.js',
    );
  });
});
