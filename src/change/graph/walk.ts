import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { globBase, globToRegExp, isGlob } from './glob.js';

/** Source files the graph covers by default. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Folders never walked: dependencies, build output, tool state. */
export const EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  'dist',
  'build',
  'coverage',
  '.git',
  '.cara',
]);

const CONFIG_FILE = /^(?:package\.json|[tj]sconfig(?:\.[^/]*)?\.json)$/;

/** What a walk of the project found, as repo-relative `/` paths. */
export interface ProjectFiles {
  sources: string[];
  /** `package.json`, `tsconfig*.json` and `jsconfig*.json` files: they steer resolution. */
  configs: string[];
}

export function isSourceFile(path: string): boolean {
  return SOURCE_EXTENSIONS.some((extension) => path.endsWith(extension));
}

/**
 * Lists the project's source and config files under `root`, limited to `include` (folders, files or
 * globs) when given. Symbolic links are not followed, so a link cycle cannot trap the walk.
 */
export async function walkProject(root: string, include?: readonly string[]): Promise<ProjectFiles> {
  const sources = new Set<string>();
  const configs = new Set<string>();
  const collect = (path: string) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (isSourceFile(name)) sources.add(path);
    else if (CONFIG_FILE.test(name)) configs.add(path);
  };
  if (!include || include.length === 0) {
    await walkDir(root, '', collect);
  } else {
    for (const entry of include) await walkInclude(root, entry, collect, (path) => sources.add(path));
    // Configs at the root steer resolution even when the sources are limited to a folder.
    await walkDir(
      root,
      '',
      (path) => {
        if (CONFIG_FILE.test(path)) configs.add(path);
      },
      0,
    );
  }
  return { sources: [...sources].sort(), configs: [...configs].sort() };
}

async function walkInclude(
  root: string,
  entry: string,
  collect: (path: string) => void,
  addSource: (path: string) => void,
): Promise<void> {
  const pattern = entry.replaceAll('\\', '/').replace(/^\.\//, '').replace(/\/+$/, '');
  if (isGlob(pattern)) {
    const matcher = globToRegExp(pattern);
    await walkDir(root, globBase(pattern), (path) => (matcher.test(path) ? collect(path) : undefined));
    return;
  }
  const info = await stat(join(root, pattern)).catch(() => undefined);
  if (info?.isDirectory()) await walkDir(root, pattern === '.' ? '' : pattern, collect);
  else if (info?.isFile() && isSourceFile(pattern)) addSource(pattern);
}

/** Calls `visit` with every file below `dir` (repo-relative), `depth` levels deep at most. */
async function walkDir(
  root: string,
  dir: string,
  visit: (path: string) => void,
  depth = Number.POSITIVE_INFINITY,
): Promise<void> {
  const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
  const below: Promise<void>[] = [];
  for (const entry of entries) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (depth > 0 && !EXCLUDED_DIRS.has(entry.name)) below.push(walkDir(root, path, visit, depth - 1));
    } else if (entry.isFile()) visit(path);
  }
  await Promise.all(below);
}
