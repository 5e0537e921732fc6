import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { createLocalTarget } from './local.js';
import { useTargetFixture } from './testing/fixture.js';

const fixture = useTargetFixture();
const target = createLocalTarget();

function worktrees(repo: string): string[] {
  const out = execFileSync('git', ['worktree', 'list', '--porcelain'], { cwd: repo, encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.startsWith('worktree '))
    .map((line) => realpathSync(line.slice('worktree '.length)));
}

async function failure(promise: Promise<unknown>): Promise<CaraError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CaraError);
  return error as CaraError;
}

describe('prepareVersion with a git ref', () => {
  it('checks the commit out in a shared worktree next to the state folder, and reuses it', async () => {
    const repo = fixture.repo();
    const first = repo.commit('v1', { 'VERSION.txt': 'one' });
    repo.commit('v2', { 'VERSION.txt': 'two' });
    const prepared = await target.prepareVersion(repo.dir, repo.stateDir, { ref: 'HEAD~1' });
    expect(prepared).toEqual({
      label: first.slice(0, 12),
      ref: 'HEAD~1',
      commit: first,
      checkoutDir: join(repo.dir, '.cara', 'deploy', 'worktrees', first.slice(0, 12)),
    });
    expect(readFileSync(join(prepared.checkoutDir, 'VERSION.txt'), 'utf8')).toBe('one');
    expect(worktrees(repo.dir)).toContain(realpathSync(prepared.checkoutDir));

    writeFileSync(join(prepared.checkoutDir, 'build-output.txt'), 'kept');
    const otherService = await target.prepareVersion(repo.dir, join(repo.dir, '.cara/deploy/web'), {
      ref: first,
    });
    expect(otherService.checkoutDir).toBe(prepared.checkoutDir);
    expect(existsSync(join(prepared.checkoutDir, 'build-output.txt'))).toBe(true);
  });

  it('recreates a worktree folder that was damaged or deleted', async () => {
    const repo = fixture.repo();
    const sha = repo.commit('v1', { 'VERSION.txt': 'one' });
    const prepared = await target.prepareVersion(repo.dir, repo.stateDir, { ref: 'main' });
    rmSync(join(prepared.checkoutDir, '.git'));
    const again = await target.prepareVersion(repo.dir, repo.stateDir, { ref: 'main' });
    expect(again.checkoutDir).toBe(prepared.checkoutDir);
    expect(readFileSync(join(again.checkoutDir, 'VERSION.txt'), 'utf8')).toBe('one');
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: again.checkoutDir, encoding: 'utf8' });
    expect(head.trim()).toBe(sha);

    rmSync(prepared.checkoutDir, { recursive: true, force: true });
    const third = await target.prepareVersion(repo.dir, repo.stateDir, { ref: 'main' });
    expect(existsSync(join(third.checkoutDir, 'VERSION.txt'))).toBe(true);
  });

  it('prepares two refs naming one commit at the same time without a clash', async () => {
    const repo = fixture.repo();
    const sha = repo.commit('v1');
    const both = await Promise.all([
      target.prepareVersion(repo.dir, repo.stateDir, { ref: 'main' }),
      target.prepareVersion(repo.dir, repo.stateDir, { ref: sha }),
    ]);
    expect(both[0].checkoutDir).toBe(both[1].checkoutDir);
    expect(existsSync(join(both[0].checkoutDir, 'server.mjs'))).toBe(true);
  });

  it('reports an unknown ref as GIT_REV_UNKNOWN with a hint', async () => {
    const repo = fixture.repo();
    repo.commit('v1');
    const error = await failure(target.prepareVersion(repo.dir, repo.stateDir, { ref: 'no-such-branch' }));
    expect(error.code).toBe('GIT_REV_UNKNOWN');
    expect(error.message).toContain('no-such-branch');
    expect(error.hint).toMatch(/git rev-parse/);
  });

  it('removeVersion removes the worktree and git forgets it', async () => {
    const repo = fixture.repo();
    repo.commit('v1');
    const prepared = await target.prepareVersion(repo.dir, repo.stateDir, { ref: 'main' });
    writeFileSync(join(prepared.checkoutDir, 'untracked.txt'), 'x');
    await target.removeVersion(repo.dir, prepared);
    expect(existsSync(prepared.checkoutDir)).toBe(false);
    expect(worktrees(repo.dir)).toEqual([realpathSync(repo.dir)]);
  });

  it('removeVersion refuses a path it did not create', async () => {
    const repo = fixture.repo();
    const sha = repo.commit('v1');
    const label = sha.slice(0, 12);
    const error = await failure(
      target.removeVersion(repo.dir, { label, ref: 'main', commit: sha, checkoutDir: repo.dir }),
    );
    expect(error.code).toBe('DEPLOY_STATE');
    expect(existsSync(join(repo.dir, 'server.mjs'))).toBe(true);
  });
});

describe('prepareVersion with a folder', () => {
  it('uses the folder in place under a label made of its name and path', async () => {
    const repo = fixture.repo();
    const folder = fixture.folder();
    const prepared = await target.prepareVersion(repo.dir, repo.stateDir, { dir: folder });
    expect(prepared.checkoutDir).toBe(folder);
    expect(prepared.ref).toBe(folder);
    expect(prepared.commit).toBeUndefined();
    expect(prepared.label).toMatch(new RegExp(`^dir-${basename(folder)}-[0-9a-f]{8}$`));
    const relative = await target.prepareVersion(repo.dir, repo.stateDir, { dir: '.' });
    expect(relative.checkoutDir).toBe(repo.dir);
    expect(relative.label).not.toBe(prepared.label);

    await target.removeVersion(repo.dir, prepared);
    expect(existsSync(join(folder, 'server.mjs'))).toBe(true);
  });

  it.each([
    ['a missing folder', 'missing', /does not exist/],
    ['a file', 'server.mjs', /is not a folder/],
  ])('rejects %s naming the path', async (_what, dir, message) => {
    const folder = fixture.folder();
    const error = await failure(target.prepareVersion(folder, join(folder, 'state'), { dir }));
    expect(error.code).toBe('DEPLOY_CONFIG_INVALID');
    expect(error.message).toMatch(message);
    expect(error.message).toContain(join(folder, dir));
  });

  it('needs exactly one of ref and dir', async () => {
    const folder = fixture.folder();
    for (const source of [{}, { ref: 'main', dir: '.' }]) {
      const error = await failure(target.prepareVersion(folder, join(folder, 'state'), source));
      expect(error.code).toBe('DEPLOY_CONFIG_INVALID');
    }
  });
});
