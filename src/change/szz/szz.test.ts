import { describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, DAY, EPOCH, scriptedRepos } from '../../../test/fixtures/git-history.js';
import { projectRoot } from '../../../test/support/cli.js';
import { type CommitRecord, streamCommits } from '../../git/index.js';
import { isMeaningfulLine } from './line-filter.js';
import { labelFor, runSzz, type SzzResult } from './szz.js';

const scripted = scriptedRepos('cara-szz-');

async function mine(dir: string): Promise<CommitRecord[]> {
  const out: CommitRecord[] = [];
  for await (const commit of streamCommits(dir)) out.push(commit);
  return out;
}

const CALC = (op: string, extra: string[] = []) => [
  'export function total(items) {',
  '  let sum = 0;',
  `  for (const item of items) sum ${op} item.price;`,
  '  return sum;',
  '}',
  ...extra,
];

describe('runSzz', () => {
  it('labels the commit that introduced the line a fix changed, and not the unrelated one', async () => {
    const repo = scripted();
    repo.write('src/calc.ts', ['export function total(items) {', '  return 0;', '}']);
    repo.write('src/other.ts', ['export const other = 1;']);
    const base = repo.commit('initial', { author: CAROL, time: EPOCH });
    repo.write('src/calc.ts', CALC('-='));
    const a = repo.commit('compute totals', { author: ALICE, time: EPOCH + DAY });
    repo.write('src/other.ts', ['export const other = 2;', 'export const more = 3;']);
    const b = repo.commit('tune other', { author: BOB, time: EPOCH + 2 * DAY });
    repo.write('src/calc.ts', CALC('+='));
    const c = repo.commit('fix: totals were negative', { author: BOB, time: EPOCH + 3 * DAY });

    const result = await runSzz(repo.dir, await mine(repo.dir));
    expect(result.fixes).toEqual([c]);
    expect([...result.bugIntroducing]).toEqual([[a, [c]]]);
    expect(result.bugIntroducing.has(b)).toBe(false);
    expect(result.bugIntroducing.has(base)).toBe(false);
    expect(result.skipped).toEqual([]);
  });

  it('ignores whitespace-only and comment-only changes in a fix, and documentation files', async () => {
    const repo = scripted();
    repo.write('src/calc.ts', ['// totals', 'export function total(items) {', '  return 0;', '}']);
    repo.write('README.md', ['# Calc', 'Adds numbers.']);
    repo.commit('initial', { author: ALICE, time: EPOCH });
    repo.write('src/calc.ts', [
      '// totals of a basket',
      '/* the sum',
      ' * of prices */',
      'export function total(items) {',
      '  return 0;',
      '}',
    ]);
    repo.write('README.md', ['# Calc', 'Adds numbers (badly).']);
    const noisy = repo.commit('comments and docs', { author: BOB, time: EPOCH + DAY });
    repo.write('src/calc.ts', [
      '// sum of a basket',
      '/* the total',
      ' * of all prices */',
      'export function total(items) {',
      '    return 0;',
      '}',
    ]);
    repo.write('README.md', ['# Calc', 'Adds numbers.']);
    const fix = repo.commit('fix comments and indentation', { author: CAROL, time: EPOCH + 2 * DAY });

    const result = await runSzz(repo.dir, await mine(repo.dir));
    expect(result.fixes).toEqual([fix]);
    expect(result.bugIntroducing.size).toBe(0);
    expect(result.bugIntroducing.has(noisy)).toBe(false);
  });

  it('skips huge fixes, ignores huge candidates, and looks through ignored revisions', async () => {
    const repo = scripted();
    repo.write('src/calc.ts', CALC('-='));
    const a = repo.commit('compute totals', { time: EPOCH });
    // A formatting sweep that touches the buggy line and three other files.
    repo.write(
      'src/calc.ts',
      CALC('-=').map((line) => line.replace('sum', 'total_')),
    );
    for (const name of ['x', 'y', 'z']) repo.write(`src/${name}.ts`, [`export const ${name} = 1;`]);
    const sweep = repo.commit('rename variables', { time: EPOCH + DAY });
    repo.write(
      'src/calc.ts',
      CALC('+=').map((line) => line.replace('sum', 'total_')),
    );
    const fix = repo.commit('fix sign of totals', { time: EPOCH + 2 * DAY });
    for (const name of ['x', 'y', 'z']) repo.write(`src/${name}.ts`, [`export const ${name} = 2;`]);
    const bigFix = repo.commit('fix constants everywhere', { time: EPOCH + 3 * DAY });
    const commits = await mine(repo.dir);

    const small = await runSzz(repo.dir, commits, { maxFilesPerCommit: 2 });
    expect(small.fixes).toEqual([fix]);
    expect(small.bugIntroducing.size).toBe(0); // the sweep touched 4 files: not a candidate
    expect(small.skipped).toEqual([
      {
        sha: bigFix,
        kind: 'fix',
        reason: 'fix touches 3 files (more than maxFilesPerCommit 2): too broad to blame',
      },
      {
        sha: sweep,
        kind: 'candidate',
        reason: 'candidate touches 4 files (more than maxFilesPerCommit 2): ignored',
      },
    ]);

    const throughSweep = await runSzz(repo.dir, commits, { ignoreRevs: [sweep] });
    expect(throughSweep.fixes).toEqual([fix, bigFix]);
    expect(throughSweep.bugIntroducing.get(a)).toEqual([fix]);
    expect(throughSweep.bugIntroducing.has(sweep)).toBe(false);

    const plain = await runSzz(repo.dir, commits);
    expect(plain.bugIntroducing.get(sweep)).toEqual([fix, bigFix]);

    const incremental = await runSzz(repo.dir, commits, { skipFixes: [fix] });
    expect(incremental.fixes).toEqual([bigFix]);
    expect(incremental.bugIntroducing.get(sweep)).toEqual([bigFix]);
  });

  it("runs on this project's own history without failing a fix", async () => {
    const commits = await mine(projectRoot);
    const result = await runSzz(projectRoot, commits);
    const position = new Map(commits.map((commit, i) => [commit.sha, i]));
    for (const [inducing, fixes] of result.bugIntroducing) {
      for (const fix of fixes) expect(position.get(inducing) ?? -1).toBeLessThan(position.get(fix) ?? -1);
    }
    expect(result.skipped.filter((entry) => entry.reason.startsWith('blame failed'))).toEqual([]);
  });
});

describe('labelFor', () => {
  const result: SzzResult = { fixes: ['f'], bugIntroducing: new Map([['bad', ['f']]]), skipped: [] };
  const now = EPOCH + 365 * DAY;
  it('is 1 for bug-introducing commits whatever their age', () => {
    expect(labelFor('bad', now - DAY, result, now)).toBe(1);
  });
  it('is 0 only once a commit is older than the delay, undefined before', () => {
    expect(labelFor('good', now - 90 * DAY, result, now)).toBe(0);
    expect(labelFor('good', now - 89 * DAY, result, now)).toBeUndefined();
    expect(labelFor('good', now - 10 * DAY, result, now, 7)).toBe(0);
    expect(labelFor('good', now - 10 * DAY, result, now, 30)).toBeUndefined();
  });
});

describe('isMeaningfulLine', () => {
  it.each([
    '',
    '   ',
    '// note',
    '  # python comment',
    '/* block */',
    ' * continued',
    ' */',
    '<!-- html -->',
    '-->',
  ])('ignores %j', (line) => expect(isMeaningfulLine(line)).toBe(false));
  it.each(['x = 1', '#include <stdio.h>', '#[derive(Debug)]', '*ptr = 0;', 'a * b', '}'])(
    'keeps %j',
    (line) => expect(isMeaningfulLine(line)).toBe(true),
  );
});
