import { createHash } from 'node:crypto';
import { existsSync, realpathSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CaraError } from '../../core/errors.js';
import { resolveCommit, runGit } from '../../git/index.js';
import type { PreparedVersion, VersionSource } from './types.js';

/** Folder, next to the services' state folders, that holds one worktree per deployed commit. */
export const WORKTREES_DIR = 'worktrees';

/**
 * Puts a version's files on disk. A ref is resolved to a commit and checked out (detached) in
 * `<dirname(stateDir)>/worktrees/<sha12>`, shared by every service; an existing worktree at that
 * commit is reused and a broken one recreated. A folder (relative to `root`) is used in place.
 */
export async function prepareVersion(
  root: string,
  stateDir: string,
  source: VersionSource,
): Promise<PreparedVersion> {
  const { ref, dir } = source;
  if ((ref === undefined || ref === '') === (dir === undefined || dir === '')) {
    throw new CaraError('DEPLOY_CONFIG_INVALID', 'a version needs exactly one of a git ref or a folder', {
      hint: 'give either a ref (branch, tag, sha) or a folder path, not both',
    });
  }
  if (dir !== undefined && dir !== '') return prepareFolder(root, dir);
  return prepareRef(root, stateDir, ref ?? '');
}

async function prepareRef(root: string, stateDir: string, ref: string): Promise<PreparedVersion> {
  const commit = await resolveCommit(root, ref);
  if (commit === undefined) {
    throw new CaraError('GIT_REV_UNKNOWN', `${ref} names no commit in ${root}`, {
      hint: `check it with \`git rev-parse ${ref}\`; fetch it first if it exists only on a remote`,
    });
  }
  const label = commit.slice(0, 12);
  const checkoutDir = join(dirname(resolve(stateDir)), WORKTREES_DIR, label);
  const prepared: PreparedVersion = { label, ref, commit, checkoutDir };
  if (await isWorktreeAt(checkoutDir, commit)) return prepared;
  // Missing, half-created or moved to another commit: start again from a clean slate.
  rmSync(checkoutDir, { recursive: true, force: true });
  await runGit(root, ['worktree', 'prune']);
  try {
    await runGit(root, ['worktree', 'add', '--detach', checkoutDir, commit]);
  } catch (error) {
    // Another process may have created the same worktree meanwhile.
    if (await isWorktreeAt(checkoutDir, commit)) return prepared;
    throw error;
  }
  return prepared;
}

/** Whether `dir` is the top of a git worktree whose HEAD is `commit`. */
async function isWorktreeAt(dir: string, commit: string): Promise<boolean> {
  if (!existsSync(join(dir, '.git'))) return false;
  try {
    const { stdout } = await runGit(dir, ['rev-parse', '--show-toplevel', 'HEAD']);
    const [top = '', head = ''] = stdout.trim().split('\n');
    return realpathSync(top) === realpathSync(dir) && head === commit;
  } catch {
    return false;
  }
}

function prepareFolder(root: string, dir: string): PreparedVersion {
  const checkoutDir = resolve(root, dir);
  let isFolder = false;
  try {
    isFolder = statSync(checkoutDir).isDirectory();
  } catch {
    throw new CaraError('DEPLOY_CONFIG_INVALID', `version folder ${checkoutDir} does not exist`, {
      hint: 'pass an existing folder (relative paths are read from the repository root)',
    });
  }
  if (!isFolder) {
    throw new CaraError('DEPLOY_CONFIG_INVALID', `version folder ${checkoutDir} is not a folder`, {
      hint: 'pass the folder that holds the service, not a file in it',
    });
  }
  const name = basename(checkoutDir).replace(/[^A-Za-z0-9._-]+/g, '-') || 'root';
  const digest = createHash('sha256').update(checkoutDir).digest('hex').slice(0, 8);
  return { label: `dir-${name}-${digest}`, ref: dir, checkoutDir };
}

/**
 * Removes the worktree `prepareVersion` created for a ref. A folder version is the user's and is
 * never touched; a path that is not `.../worktrees/<label>` is refused.
 */
export async function removeVersion(root: string, prepared: PreparedVersion): Promise<void> {
  if (prepared.commit === undefined) return;
  const dir = prepared.checkoutDir;
  if (basename(dir) !== prepared.label || basename(dirname(dir)) !== WORKTREES_DIR) {
    throw new CaraError('DEPLOY_STATE', `refusing to remove ${dir}: it is not a worktree cara created`, {
      hint: `cara's worktrees live in .../${WORKTREES_DIR}/<sha12>; remove other folders by hand`,
    });
  }
  if (existsSync(dir)) {
    try {
      await runGit(root, ['worktree', 'remove', '--force', dir]);
    } catch {
      // Not (or no longer) registered: delete the folder and let prune forget it.
    }
    rmSync(dir, { recursive: true, force: true });
  }
  await runGit(root, ['worktree', 'prune']);
}
