import { EMPTY_ALLOWLIST, isPathAllowed } from './allowlist.js';
import { COMMIT_MARKER, fileAtHead, hasCommits, historyPatch } from './git.js';
import { parseHistoryPatch } from './history-parser.js';
import { pathPolicy } from './path-policy.js';
import { DEFAULT_MAX_FILE_BYTES, type SecretScanOptions } from './scan-options.js';
import { scanText } from './scan-text.js';
import type { SecretFinding, SkippedFile } from './types.js';

export interface HistoryScan {
  mode: 'history';
  root: string;
  commitsScanned: number;
  /** One finding per distinct secret, where it first appeared, with `presentAtHead`. */
  findings: SecretFinding[];
  skipped: SkippedFile[];
  allowed: number;
}

/**
 * Scans every line ever added in any commit reachable from any ref. Each distinct secret (by
 * fingerprint) is reported once, at the commit, author date and path where it first appeared, and
 * marked `presentAtHead` when a file at HEAD that ever received it still holds it.
 */
export async function scanHistory(root: string, options: SecretScanOptions = {}): Promise<HistoryScan> {
  const allowlist = options.allowlist ?? EMPTY_ALLOWLIST;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const ignore = new Set(options.ignorePaths ?? []);
  const scanOptions = (path: string) => ({
    path,
    allowlist,
    policy: options.allRules ? ('all' as const) : pathPolicy(path),
    ...(options.detectors ? { detectors: options.detectors } : {}),
  });
  const first = new Map<string, SecretFinding>();
  const pathsOf = new Map<string, Set<string>>();
  const skipped = new Map<string, SkippedFile>();
  let allowed = 0;
  if (!(await hasCommits(root))) {
    return { mode: 'history', root, commitsScanned: 0, findings: [], skipped: [], allowed: 0 };
  }
  const patch = await historyPatch(root);
  const commitsScanned = patch.split('\n').filter((l) => l.startsWith(COMMIT_MARKER)).length;
  for (const block of parseHistoryPatch(patch)) {
    if (ignore.has(block.path)) continue;
    if (isPathAllowed(allowlist, block.path)) {
      skipped.set(block.path, { path: block.path, reason: 'allowlisted' });
      continue;
    }
    if (Buffer.byteLength(block.text) > maxBytes) {
      skipped.set(`${block.path}@${block.commit}`, {
        path: `${block.path}@${block.commit}`,
        reason: 'too-large',
      });
      continue;
    }
    const result = scanText(block.text, { ...scanOptions(block.path), lineOffset: block.startLine - 1 });
    allowed += result.allowed;
    for (const finding of result.findings) {
      if (!first.has(finding.fingerprint)) {
        first.set(finding.fingerprint, { ...finding, commit: block.commit, date: block.date });
      }
      const paths = pathsOf.get(finding.fingerprint) ?? new Set<string>();
      paths.add(finding.path);
      pathsOf.set(finding.fingerprint, paths);
    }
  }
  const atHead = await fingerprintsAtHead(
    root,
    new Set([...pathsOf.values()].flatMap((s) => [...s])),
    scanOptions,
  );
  const findings = [...first.values()].map((f) => ({ ...f, presentAtHead: atHead.has(f.fingerprint) }));
  return { mode: 'history', root, commitsScanned, findings, skipped: [...skipped.values()], allowed };
}

async function fingerprintsAtHead(
  root: string,
  paths: ReadonlySet<string>,
  scanOptions: (path: string) => Parameters<typeof scanText>[1],
): Promise<Set<string>> {
  const present = new Set<string>();
  for (const path of paths) {
    const text = await fileAtHead(root, path);
    if (text === undefined) continue;
    for (const finding of scanText(text, scanOptions(path)).findings) present.add(finding.fingerprint);
  }
  return present;
}
