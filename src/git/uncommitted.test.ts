import { describe, expect, it } from 'vitest';
import { BOB, numbered, scriptedRepos } from '../../test/fixtures/git-history.js';
import { fixedClock } from '../core/clock.js';
import { STAGED, WORKING_TREE } from './commit.js';
import { uncommittedChange } from './uncommitted.js';

const scripted = scriptedRepos();

const clock = fixedClock('2025-03-01T12:00:00Z');
const NOW = Date.parse('2025-03-01T12:00:00Z') / 1000;

describe('uncommittedChange', () => {
  it('describes the index (staged) and the working tree as pseudo-commits on top of HEAD', async () => {
    const repo = scripted();
    repo.write('src/app.ts', numbered('line', 10));
    repo.write('old name.txt', ['keep', 'me']);
    const head = repo.commit('base', { author: BOB });

    repo.write('src/app.ts', [...numbered('line', 8), 'changed', 'added']); // -2 +2
    repo.git('add', 'src/app.ts');
    repo.move('old name.txt', 'docs/new name.txt');
    repo.write('src/app.ts', [...numbered('line', 8), 'changed', 'added', 'unstaged']); // +1 more, unstaged
    repo.write('notes/todo.md', ['a', 'b', 'c']); // untracked
    repo.write('pic.png', Buffer.from([0x89, 0x50, 0, 0, 1])); // untracked binary

    const staged = await uncommittedChange(repo.dir, { staged: true, clock });
    expect(staged).toMatchObject({
      sha: STAGED,
      parents: [head],
      authorName: 'Alice',
      authorEmail: 'alice@example.gov',
      authorTime: NOW,
      committerTime: NOW,
      message: '',
      isMerge: false,
    });
    expect(sorted(staged.files)).toEqual([
      { path: 'docs/new name.txt', oldPath: 'old name.txt', added: 0, deleted: 0 },
      { path: 'src/app.ts', added: 2, deleted: 2 },
    ]);

    const working = await uncommittedChange(repo.dir, { staged: false, clock, message: 'wip' });
    expect(working.sha).toBe(WORKING_TREE);
    expect(working.message).toBe('wip');
    expect(sorted(working.files)).toEqual([
      { path: 'docs/new name.txt', oldPath: 'old name.txt', added: 0, deleted: 0 },
      { path: 'notes/todo.md', added: 3, deleted: 0 },
      { path: 'pic.png', added: null, deleted: null },
      { path: 'src/app.ts', added: 3, deleted: 2 },
    ]);
  });

  it('works before the first commit, with no parents', async () => {
    const repo = scripted();
    repo.write('a.txt', ['1', '2']);
    repo.git('add', 'a.txt');
    repo.write('b.txt', 'no newline at end');
    const staged = await uncommittedChange(repo.dir, { staged: true, clock });
    expect(staged.parents).toEqual([]);
    expect(staged.files).toEqual([{ path: 'a.txt', added: 2, deleted: 0 }]);
    const working = await uncommittedChange(`${repo.dir}`, { staged: false, clock });
    expect(sorted(working.files)).toEqual([
      { path: 'a.txt', added: 2, deleted: 0 },
      { path: 'b.txt', added: 1, deleted: 0 },
    ]);
  });

  it('reports paths from the top of the work tree when called from a subfolder', async () => {
    const repo = scripted();
    repo.write('sub/x.txt', ['1']);
    repo.commit('base');
    repo.write('sub/x.txt', ['1', '2']);
    repo.write('sub/new.txt', ['n']);
    const working = await uncommittedChange(`${repo.dir}/sub`, { staged: false, clock });
    expect(sorted(working.files)).toEqual([
      { path: 'sub/new.txt', added: 1, deleted: 0 },
      { path: 'sub/x.txt', added: 1, deleted: 0 },
    ]);
  });
});

function sorted<T extends { path: string }>(files: T[]): T[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
}
