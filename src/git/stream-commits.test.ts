import { describe, expect, it } from 'vitest';
import {
  ALICE,
  BOB,
  DAY,
  EPOCH,
  numbered,
  runGitIn,
  scriptedRepos,
} from '../../test/fixtures/git-history.js';
import { makeTempDir, projectRoot } from '../../test/support/cli.js';
import { isCaraError } from '../core/errors.js';
import type { CommitRecord } from './commit.js';
import { readCommit, streamCommits } from './stream-commits.js';

const scripted = scriptedRepos();

async function collect(iterable: AsyncIterable<CommitRecord>): Promise<CommitRecord[]> {
  const out: CommitRecord[] = [];
  for await (const commit of iterable) out.push(commit);
  return out;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isCaraError(error) ? error.code : `not a CaraError: ${String(error)}`;
  }
  return 'no error';
}

describe('streamCommits', () => {
  it('parses awkward paths, renames, binary files, empty commits and merges, oldest first', async () => {
    const repo = scripted();
    repo.write('plain.txt', ['one', 'two']);
    repo.write('with space/a file.txt', ['x']);
    repo.write('ünï/çødé.ts', ['const a = 1;', 'const b = 2;', 'const c = 3;']);
    repo.write('src/a/mod.ts', numbered('line', 20));
    repo.write('logo.bin', Buffer.from([0, 1, 2, 3, 0, 255]));
    const first = repo.commit('first', { author: ALICE, time: EPOCH });

    repo.move('src/a/mod.ts', 'src/b/mod.ts'); // src/{a => b}/mod.ts without -z
    repo.move('plain.txt', 'renamed plain.txt'); // plain.txt => renamed plain.txt
    repo.write('ünï/çødé.ts', ['const a = 1;', 'const b = 20;', 'const c = 3;', 'const d = 4;']);
    repo.write('logo.bin', Buffer.from([0, 9, 9, 9]));
    const second = repo.commit('second', { author: BOB, time: EPOCH + DAY });

    const empty = repo.commit('nothing here', { time: EPOCH + 2 * DAY, allowEmpty: true });
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('side.txt', ['s']);
    const side = repo.commit('side work', { time: EPOCH + 3 * DAY });
    repo.git('checkout', '-q', 'main');
    repo.write('main.txt', ['m']);
    const onMain = repo.commit('main work', { time: EPOCH + 4 * DAY });
    repo.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');

    const commits = await collect(streamCommits(repo.dir));
    expect(commits.map((c) => c.message)).toEqual([
      'first',
      'second',
      'nothing here',
      'side work',
      'main work',
      'merge side',
    ]);
    const [c1, c2, c3, c4, c5, merge] = commits;
    expect(c1?.sha).toBe(first);
    expect(c1?.parents).toEqual([]);
    expect(c1?.authorName).toBe('Alice');
    expect(c1?.authorEmail).toBe('alice@example.gov');
    expect(c1?.authorTime).toBe(EPOCH);
    expect(c1?.committerTime).toBe(EPOCH);
    expect(sortFiles(c1?.files)).toEqual([
      { path: 'logo.bin', added: null, deleted: null },
      { path: 'plain.txt', added: 2, deleted: 0 },
      { path: 'src/a/mod.ts', added: 20, deleted: 0 },
      { path: 'with space/a file.txt', added: 1, deleted: 0 },
      { path: 'ünï/çødé.ts', added: 3, deleted: 0 },
    ]);
    expect(c2?.sha).toBe(second);
    expect(c2?.parents).toEqual([first]);
    expect(c2?.authorName).toBe('Bob');
    expect(sortFiles(c2?.files)).toEqual([
      { path: 'logo.bin', added: null, deleted: null },
      { path: 'renamed plain.txt', oldPath: 'plain.txt', added: 0, deleted: 0 },
      { path: 'src/b/mod.ts', oldPath: 'src/a/mod.ts', added: 0, deleted: 0 },
      { path: 'ünï/çødé.ts', added: 2, deleted: 1 },
    ]);
    expect(c3).toMatchObject({ sha: empty, files: [], isMerge: false });
    expect(c4).toMatchObject({ sha: side, files: [{ path: 'side.txt', added: 1, deleted: 0 }] });
    expect(c5).toMatchObject({ sha: onMain, files: [{ path: 'main.txt', added: 1, deleted: 0 }] });
    expect(merge?.isMerge).toBe(true);
    expect(merge?.parents).toEqual([onMain, side]);
    expect(merge?.files).toEqual([]);
  });

  it('keeps messages whole when they contain separator bytes, tabs and numstat lookalikes', async () => {
    const repo = scripted();
    const message = [
      'subject with \x1e record separator',
      '',
      '1\t2\tnot/a/file.txt',
      '-\t-\tnot-binary.bin',
      '\x1e0123456789012345678901234567890123456789',
      'unit \x1f separator',
    ].join('\n');
    repo.write('a.txt', ['a']);
    repo.commit(message);
    repo.write('a.txt', ['a', 'b']);
    repo.commit('second\n\nbody');
    const [first, second] = await collect(streamCommits(repo.dir));
    expect(first?.message).toBe(message);
    expect(first?.files).toEqual([{ path: 'a.txt', added: 1, deleted: 0 }]);
    expect(second?.message).toBe('second\n\nbody');
    expect(second?.files).toEqual([{ path: 'a.txt', added: 1, deleted: 0 }]);
  });

  it('reads only the commits after `since`, and nothing when since is the tip', async () => {
    const repo = scripted();
    const shas: string[] = [];
    for (let i = 0; i < 5; i++) {
      repo.write('f.txt', numbered('v', i + 1));
      shas.push(repo.commit(`c${i}`, { time: EPOCH + i * DAY }));
    }
    const after = await collect(streamCommits(repo.dir, { since: shas[2] ?? '' }));
    expect(after.map((c) => c.sha)).toEqual(shas.slice(3));
    expect(await collect(streamCommits(repo.dir, { since: shas[4] ?? '' }))).toEqual([]);
    const upTo = await collect(streamCommits(repo.dir, { rev: shas[1] ?? '' }));
    expect(upTo.map((c) => c.sha)).toEqual(shas.slice(0, 2));
  });

  it('refuses a `since` that history rewriting removed, so the caller re-mines', async () => {
    const repo = scripted();
    repo.write('f.txt', ['1']);
    repo.commit('one');
    repo.write('f.txt', ['1', '2']);
    const old = repo.commit('two');
    repo.git('commit', '-q', '--amend', '-m', 'two, reworded');
    const error = await collect(streamCommits(repo.dir, { since: old })).catch((e: unknown) => e);
    expect(isCaraError(error) && error.code).toBe('GIT_HISTORY_REWRITTEN');
    expect((error as Error).message).toContain(old);
    expect(await codeOf(collect(streamCommits(repo.dir, { since: 'f'.repeat(40) })))).toBe(
      'GIT_HISTORY_REWRITTEN',
    );
  });

  it('gives an empty stream for a repository without commits', async () => {
    const repo = scripted();
    expect(await collect(streamCommits(repo.dir))).toEqual([]);
  });

  it('mines from a detached HEAD', async () => {
    const repo = scripted();
    repo.write('f.txt', ['1']);
    const one = repo.commit('one');
    repo.write('f.txt', ['1', '2']);
    repo.commit('two');
    repo.git('checkout', '-q', '--detach', one);
    const commits = await collect(streamCommits(repo.dir));
    expect(commits.map((c) => c.sha)).toEqual([one]);
  });

  it('says NOT_A_GIT_REPO outside a repository and for a missing folder, GIT_REV_UNKNOWN for a bad rev', async () => {
    const plain = makeTempDir();
    try {
      expect(await codeOf(collect(streamCommits(plain.dir)))).toBe('NOT_A_GIT_REPO');
      expect(await codeOf(collect(streamCommits(`${plain.dir}/missing`)))).toBe('NOT_A_GIT_REPO');
    } finally {
      plain.remove();
    }
    const repo = scripted();
    repo.write('f.txt', ['1']);
    repo.commit('one');
    expect(await codeOf(collect(streamCommits(repo.dir, { rev: 'no-such-branch' })))).toBe('GIT_REV_UNKNOWN');
    expect(await codeOf(readCommit(repo.dir, '--output=/tmp/x'))).toBe('GIT_REV_UNKNOWN');
  });

  it('stops git when the consumer stops early, and honours an abort signal', async () => {
    const repo = scripted();
    for (let i = 0; i < 30; i++) {
      repo.write('f.txt', numbered('v', i + 1));
      repo.commit(`c${i}`, { time: EPOCH + i });
    }
    let seen = 0;
    for await (const _ of streamCommits(repo.dir)) {
      seen++;
      if (seen === 3) break;
    }
    expect(seen).toBe(3);
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    const error = await collect(streamCommits(repo.dir, { signal: controller.signal })).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe('stop now');
  });

  it('reads one commit by rev with the same parsing', async () => {
    const repo = scripted();
    repo.write('a b.txt', ['1', '2']);
    repo.commit('one');
    repo.write('a b.txt', ['1']);
    const sha = repo.commit('two\n\nfixes #12', { author: BOB, time: EPOCH + DAY });
    const commit = await readCommit(repo.dir, 'HEAD');
    expect(commit).toEqual({
      sha,
      parents: [runGitIn(repo.dir, ['rev-parse', 'HEAD~1'])],
      authorName: 'Bob',
      authorEmail: 'bob@example.gov',
      authorTime: EPOCH + DAY,
      committerTime: EPOCH + DAY,
      message: 'two\n\nfixes #12',
      files: [{ path: 'a b.txt', added: 0, deleted: 1 }],
      isMerge: false,
    });
  });

  it("mines this project's own history completely", async () => {
    const expected = Number(runGitIn(projectRoot, ['rev-list', '--count', 'HEAD']));
    const seen = new Set<string>();
    let files = 0;
    for await (const commit of streamCommits(projectRoot)) {
      for (const parent of commit.parents) expect(seen.has(parent)).toBe(true);
      seen.add(commit.sha);
      files += commit.files.length;
    }
    expect(seen.size).toBe(expected);
    expect(files).toBeGreaterThan(0);
  });
});

function sortFiles(files: CommitRecord['files'] | undefined) {
  return [...(files ?? [])].sort((a, b) => (a.path < b.path ? -1 : 1));
}
