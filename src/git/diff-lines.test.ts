import { describe, expect, it } from 'vitest';
import { BOB, CAROL, DAY, EPOCH, scriptedRepos } from '../../test/fixtures/git-history.js';
import { blameLines, parsePorcelain } from './blame.js';
import { deletedLines, parseDeletions, unquoteC } from './diff-lines.js';

const scripted = scriptedRepos();

describe('parseDeletions', () => {
  it('numbers removed lines in the old file and reads "--- " inside a hunk as content', () => {
    const diff = [
      'diff --git a/q.sql b/q.sql',
      'index 1..2 100644',
      '--- a/q.sql',
      '+++ b/q.sql',
      '@@ -2,2 +2 @@ select',
      '--- a comment that looks like a header',
      '-where x = 1',
      '+where x = 2',
      '@@ -9 +8,0 @@',
      '-last',
      '\\ No newline at end of file',
      'diff --git a/new.txt b/new.txt',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/new.txt',
      '@@ -0,0 +1 @@',
      '+hello',
      'diff --git "a/t\\tab.txt" "b/t\\tab.txt"',
      '--- "a/t\\tab.txt"',
      '+++ "b/t\\tab.txt"',
      '@@ -1 +1 @@',
      '-x',
      '+y',
      'diff --git a/sp ace.txt b/sp ace.txt',
      '--- a/sp ace.txt\t',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-gone',
      '',
    ].join('\n');
    expect(parseDeletions(diff)).toEqual([
      {
        oldPath: 'q.sql',
        newPath: 'q.sql',
        lines: [
          { line: 2, text: '-- a comment that looks like a header' },
          { line: 3, text: 'where x = 1' },
          { line: 9, text: 'last' },
        ],
      },
      { oldPath: 't\tab.txt', newPath: 't\tab.txt', lines: [{ line: 1, text: 'x' }] },
      { oldPath: 'sp ace.txt', newPath: undefined, lines: [{ line: 1, text: 'gone' }] },
    ]);
  });

  it('undoes C-style quoting, octal UTF-8 bytes included', () => {
    expect(unquoteC('"a/\\303\\274n\\303\\257 \\"q\\" \\\\ 😀.txt"')).toBe('a/ünï "q" \\ 😀.txt');
  });
});

describe('deletedLines and blameLines on a real repository', () => {
  it('finds the changed lines of a commit and the commits that last touched them', async () => {
    const repo = scripted();
    repo.write('src/calc.ts', [
      'export function add(a, b) {',
      '  return a - b;',
      '}',
      '',
      'export const two = 1;',
    ]);
    const a = repo.commit('add calc', { author: BOB, time: EPOCH });
    repo.write('src/calc.ts', [
      'export function add(a, b) {',
      '  return a - b;',
      '}',
      '',
      'export const two = 2;',
    ]);
    const b = repo.commit('correct two', { author: CAROL, time: EPOCH + DAY });
    repo.move('src/calc.ts', 'src/math.ts');
    repo.write('src/math.ts', [
      'export function add(a, b) {',
      '    return a + b;',
      '}',
      '',
      'export const two = 2;',
    ]);
    const fix = repo.commit('fix add', { time: EPOCH + 2 * DAY });

    const deletions = await deletedLines(repo.dir, `${fix}^`, fix);
    expect(deletions).toEqual([
      { oldPath: 'src/calc.ts', newPath: 'src/math.ts', lines: [{ line: 2, text: '  return a - b;' }] },
    ]);
    const blamed = await blameLines(repo.dir, `${fix}^`, 'src/calc.ts', [
      [2, 2],
      [5, 5],
    ]);
    expect(blamed).toEqual([
      { line: 2, sha: a, authorTime: EPOCH, boundary: false },
      { line: 5, sha: b, authorTime: EPOCH + DAY, boundary: false },
    ]);
    // Ignoring the commit that changed line 5 attributes it to the one before.
    const ignoring = await blameLines(repo.dir, `${fix}^`, 'src/calc.ts', [[5, 5]], { ignoreRevs: [b] });
    expect(ignoring.map((line) => line.sha)).toEqual([a]);
  });

  it('looks through whitespace-only changes', async () => {
    const repo = scripted();
    repo.write('a.py', ['def f():', '  return 1']);
    const original = repo.commit('add f', { time: EPOCH });
    repo.write('a.py', ['def f():', '    return 1']);
    repo.commit('reindent', { time: EPOCH + DAY });
    repo.write('a.py', ['def f():', '    return 2']);
    const fix = repo.commit('fix f', { time: EPOCH + 2 * DAY });
    const deletions = await deletedLines(repo.dir, `${fix}^`, fix);
    expect(deletions[0]?.lines).toEqual([{ line: 2, text: '    return 1' }]);
    const blamed = await blameLines(repo.dir, `${fix}^`, 'a.py', [[2, 2]]);
    expect(blamed[0]?.sha).toBe(original);
  });
});

describe('parsePorcelain', () => {
  it('attributes repeated commits whose fields were printed once', () => {
    const sha1 = '1'.repeat(40);
    const sha2 = '2'.repeat(40);
    const output = [
      `${sha1} 1 1 2`,
      'author A',
      'author-time 100',
      'filename f',
      '\tline one',
      `${sha1} 2 2`,
      '\tline two',
      `${sha2} 7 3 1`,
      'author B',
      'author-time 200',
      'boundary',
      'filename f',
      '\tline three',
      '',
    ].join('\n');
    expect(parsePorcelain(output)).toEqual([
      { line: 1, sha: sha1, authorTime: 100, boundary: false },
      { line: 2, sha: sha1, authorTime: 100, boundary: false },
      { line: 3, sha: sha2, authorTime: 200, boundary: true },
    ]);
  });
});
