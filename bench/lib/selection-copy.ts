import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** A working copy the benchmark may mutate, and what it was copied from. */
export interface WorkingCopy {
  root: string;
  source: string;
  commit: string;
  /** True when the source had uncommitted changes to tracked files, which the copy leaves out. */
  sourceDirty: boolean;
}

/**
 * Clones the committed state of the repository at `source` into `dest` (`git clone --local`, so the
 * source's working tree and index are never touched) and links the source's `node_modules`.
 */
export function cloneRepository(source: string, dest: string): WorkingCopy {
  const top = git(resolve(source), ['rev-parse', '--show-toplevel']);
  const commit = git(top, ['rev-parse', '--short', 'HEAD']);
  const sourceDirty = git(top, ['status', '--porcelain', '--untracked-files=no']) !== '';
  execFileSync('git', ['clone', '--quiet', '--local', '--no-hardlinks', top, dest], { stdio: 'ignore' });
  linkNodeModules(dest, join(top, 'node_modules'));
  return { root: dest, source: top, commit, sourceDirty };
}

/** Makes a fresh folder (the generated fixture) a git repository with one commit of everything. */
export function commitFixture(root: string, nodeModules: string): void {
  git(root, ['init', '--quiet']);
  git(root, ['add', '-A']);
  git(root, [
    '-c',
    'user.name=bench',
    '-c',
    'user.email=bench@example.invalid',
    'commit',
    '--quiet',
    '-m',
    'fixture',
  ]);
  linkNodeModules(root, nodeModules);
}

/**
 * Links `node_modules` and keeps it out of `git status` (a link is not matched by `node_modules/`),
 * so the only uncommitted change the peer's `--changed` sees is the mutant.
 */
function linkNodeModules(root: string, target: string): void {
  if (!existsSync(target) || existsSync(join(root, 'node_modules'))) return;
  symlinkSync(target, join(root, 'node_modules'), 'dir');
  mkdirSync(join(root, '.git', 'info'), { recursive: true });
  appendFileSync(join(root, '.git', 'info', 'exclude'), '\n/node_modules\n');
}

/** Uncommitted paths of the copy (tests that leave files behind would widen the peer's `--changed`). */
export function uncommitted(root: string): string[] {
  return git(root, ['status', '--porcelain'])
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.slice(3));
}
