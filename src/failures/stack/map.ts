import path from 'node:path';
import type { MapFramesToRepoOptions, RepoStackFrame, StackFrame } from './model.js';

const THIRD_PARTY = /(?:^|\/)(?:node_modules|site-packages|dist-packages|\.yarn|\.pnpm-store)\//;
const WINDOWS_ABSOLUTE = /^[A-Za-z]:\//;

/**
 * Adds `repoFile` to the frames that point inside the repository: absolute paths under `root`,
 * relative paths, `file://` URLs, and paths that end in a known file (a CI checkout under another
 * root, a JVM package path such as `com/acme/Foo.java`). Internal and third-party frames
 * (`node_modules`, `site-packages`) never get one.
 */
export function mapFramesToRepo(
  frames: readonly StackFrame[],
  options: MapFramesToRepoOptions,
): RepoStackFrame[] {
  const index = indexFiles(options.files);
  const root = toPosix(options.root).replace(/\/+$/, '');
  return frames.map((frame) => {
    const repoFile = frame.internal ? undefined : locate(frame.file, root, index);
    return repoFile === undefined ? { ...frame } : { ...frame, repoFile };
  });
}

interface FileIndex {
  known: Set<string>;
  byBaseName: Map<string, string[]>;
}

function indexFiles(files: readonly string[]): FileIndex {
  const known = new Set<string>();
  const byBaseName = new Map<string, string[]>();
  for (const file of files) {
    const normal = normalizeRelative(toPosix(file));
    known.add(normal);
    const base = path.posix.basename(normal);
    const list = byBaseName.get(base);
    if (list === undefined) byBaseName.set(base, [normal]);
    else list.push(normal);
  }
  return { known, byBaseName };
}

function locate(file: string, root: string, index: FileIndex): string | undefined {
  const posix = fromFileUrl(toPosix(file));
  if (posix === '' || THIRD_PARTY.test(posix)) return undefined;
  if (posix.startsWith('/') || WINDOWS_ABSOLUTE.test(posix)) {
    if (root !== '' && posix.startsWith(`${root}/`)) return normalizeRelative(posix.slice(root.length + 1));
    return byAbsoluteSuffix(posix, index);
  }
  const relative = normalizeRelative(posix);
  if (relative.startsWith('../')) return undefined;
  if (index.known.has(relative)) return relative;
  return byRelativeSuffix(relative, index);
}

/** The longest known file (at least two segments long) that an absolute path ends with, if only one is. */
function byAbsoluteSuffix(absolute: string, index: FileIndex): string | undefined {
  let best: string | undefined;
  let ambiguous = false;
  for (const candidate of index.byBaseName.get(path.posix.basename(absolute)) ?? []) {
    if (!candidate.includes('/') || !absolute.endsWith(`/${candidate}`)) continue;
    if (best === undefined || candidate.length > best.length) {
      best = candidate;
      ambiguous = false;
    } else if (candidate.length === best.length) {
      ambiguous = true;
    }
  }
  return ambiguous ? undefined : best;
}

/** The one known file that ends with a relative path (a JVM package path, a path relative to a sub-package). */
function byRelativeSuffix(relative: string, index: FileIndex): string | undefined {
  const matches = (index.byBaseName.get(path.posix.basename(relative)) ?? []).filter(
    (candidate) => candidate === relative || candidate.endsWith(`/${relative}`),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

function fromFileUrl(file: string): string {
  if (!file.startsWith('file://')) return file;
  try {
    const pathname = decodeURIComponent(new URL(file).pathname);
    return /^\/[A-Za-z]:\//.test(pathname) ? pathname.slice(1) : pathname;
  } catch {
    return '';
  }
}

function toPosix(file: string): string {
  return file.replaceAll('\\', '/');
}

function normalizeRelative(file: string): string {
  const normal = path.posix.normalize(file);
  return normal.startsWith('./') ? normal.slice(2) : normal;
}
