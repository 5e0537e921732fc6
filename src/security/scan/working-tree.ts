import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EMPTY_ALLOWLIST, isPathAllowed } from './allowlist.js';
import { listWorkingTreeFiles } from './git.js';
import { pathPolicy } from './path-policy.js';
import { DEFAULT_MAX_FILE_BYTES, isBinary, type SecretScanOptions } from './scan-options.js';
import { scanText } from './scan-text.js';
import type { SecretFinding, SkippedFile } from './types.js';

export interface WorkingTreeScan {
  mode: 'working-tree';
  root: string;
  filesScanned: number;
  findings: SecretFinding[];
  skipped: SkippedFile[];
  /** Matches suppressed by the allowlist or inline comments. */
  allowed: number;
}

/**
 * Scans the files git would commit: tracked files plus untracked files that are not ignored.
 * Binary files and files over `maxFileBytes` are skipped and listed; symlinks are not followed.
 */
export async function scanWorkingTree(
  root: string,
  options: SecretScanOptions = {},
): Promise<WorkingTreeScan> {
  const allowlist = options.allowlist ?? EMPTY_ALLOWLIST;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const ignore = new Set(options.ignorePaths ?? []);
  const findings: SecretFinding[] = [];
  const skipped: SkippedFile[] = [];
  let filesScanned = 0;
  let allowed = 0;
  for (const path of await listWorkingTreeFiles(root)) {
    if (ignore.has(path)) continue;
    if (isPathAllowed(allowlist, path)) {
      skipped.push({ path, reason: 'allowlisted' });
      continue;
    }
    const file = join(root, path);
    const info = await lstat(file).catch(() => undefined);
    if (!info?.isFile()) continue; // deleted in the work tree, a symlink or a submodule
    if (info.size > maxBytes) {
      skipped.push({ path, reason: 'too-large' });
      continue;
    }
    const buffer = await readFile(file).catch(() => undefined);
    if (!buffer) {
      skipped.push({ path, reason: 'unreadable' });
      continue;
    }
    if (isBinary(buffer)) {
      skipped.push({ path, reason: 'binary' });
      continue;
    }
    const result = scanText(buffer.toString('utf8'), {
      path,
      allowlist,
      policy: options.allRules ? 'all' : pathPolicy(path),
      ...(options.detectors ? { detectors: options.detectors } : {}),
    });
    filesScanned++;
    allowed += result.allowed;
    findings.push(...result.findings);
  }
  return { mode: 'working-tree', root, filesScanned, findings, skipped, allowed };
}
