import { afterEach, describe, expect, it } from 'vitest';
import {
  createScriptedRepo,
  EPOCH,
  numbered,
  runGitIn,
  type ScriptedRepo,
} from '../../test/fixtures/git-history.js';
import { makeTempDir } from '../../test/support/cli.js';
import { isCaraError } from '../core/errors.js';
import { historyInfo } from './history-info.js';
import { streamCommits } from './stream-commits.js';

const cleanups: { remove(): void }[] = [];
afterEach(() => {
  for (const item of cleanups.splice(0)) item.remove();
});

function withCommits(count: number): { repo: ScriptedRepo; shas: string[] } {
  const repo = createScriptedRepo();
  cleanups.push(repo);
  const shas: string[] = [];
  for (let i = 0; i < count; i++) {
    repo.write('f.txt', numbered('v', i + 1));
    shas.push(repo.commit(`c${i}`, { time: EPOCH + i * 60 }));
  }
  return { repo, shas };
}

describe('historyInfo', () => {
  it('reports the branch, head and commit count of a normal repository', async () => {
    const { repo, shas } = withCommits(3);
    expect(await historyInfo(repo.dir)).toEqual({
      head: shas[2],
      branch: 'main',
      detached: false,
      shallow: false,
      shallowBoundary: [],
      commitCount: 3,
    });
  });

  it('reports no head and no commits in an empty repository', async () => {
    const { repo } = withCommits(0);
    expect(await historyInfo(repo.dir)).toMatchObject({ head: undefined, branch: 'main', commitCount: 0 });
  });

  it('reports a detached HEAD', async () => {
    const { repo, shas } = withCommits(3);
    repo.git('checkout', '-q', '--detach', shas[1] ?? '');
    expect(await historyInfo(repo.dir)).toMatchObject({
      head: shas[1],
      branch: undefined,
      detached: true,
      commitCount: 2,
    });
  });

  it('reports a shallow clone and its boundary; mining continues with the commits present', async () => {
    const { repo, shas } = withCommits(12);
    const target = makeTempDir();
    cleanups.push(target);
    runGitIn(target.dir, ['clone', '-q', '--depth', '5', `file://${repo.dir}`, 'clone']);
    const clone = `${target.dir}/clone`;
    const info = await historyInfo(clone);
    expect(info).toMatchObject({ shallow: true, head: shas[11], commitCount: 5 });
    expect(info.shallowBoundary).toEqual([shas[7]]);
    const mined: string[] = [];
    for await (const commit of streamCommits(clone)) mined.push(commit.sha);
    expect(mined).toEqual(shas.slice(7));
  });

  it('says NOT_A_GIT_REPO outside a repository', async () => {
    const plain = makeTempDir();
    cleanups.push(plain);
    const error = await historyInfo(plain.dir).catch((e: unknown) => e);
    expect(isCaraError(error) && error.code).toBe('NOT_A_GIT_REPO');
    expect((error as Error).message).toBe(`${plain.dir} is not inside a git repository`);
  });
});
