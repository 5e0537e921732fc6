import { access, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaraError } from '../../core/errors.js';

export interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

/** The project's package.json, or an empty one when it has none or it is unreadable. */
export async function readPackageJson(root: string): Promise<PackageJson> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as PackageJson) : {};
  } catch {
    return {};
  }
}

/** Does the project depend on `name` or mention `command` in one of its scripts? */
export function usesTool(pkg: PackageJson, name: string, command: RegExp): boolean {
  if (pkg.dependencies?.[name] !== undefined || pkg.devDependencies?.[name] !== undefined) return true;
  return Object.values(pkg.scripts ?? {}).some((script) => command.test(script));
}

export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Is one of `names` present in root? */
export async function anyFileExists(root: string, names: readonly string[]): Promise<boolean> {
  for (const name of names) if (await exists(path.join(root, name))) return true;
  return false;
}

/** The project's own binary `node_modules/.bin/<name>` in root or the nearest ancestor that has it. */
export async function findBinary(root: string, name: string): Promise<string | undefined> {
  let dir = path.resolve(root);
  for (;;) {
    const candidate = path.join(dir, 'node_modules', '.bin', name);
    if (await exists(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Like findBinary, but a missing binary is a RUNNER_NOT_INSTALLED error saying what to install. */
export async function requireBinary(root: string, name: string, packageName = name): Promise<string> {
  const binary = await findBinary(root, name);
  if (binary !== undefined) return binary;
  throw new CaraError(
    'RUNNER_NOT_INSTALLED',
    `${name} is not installed in ${root} (no node_modules/.bin/${name})`,
    {
      hint: `Install it in the project: npm install --save-dev ${packageName}`,
    },
  );
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage', '.cara']);

/** Every file under root as a repo-relative posix path, sorted, skipping node_modules, .git and build output. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(path.join(dir, entry.name), rel);
      } else if (entry.isFile()) {
        out.push(rel);
      }
    }
  };
  await walk(root, '');
  return out.sort();
}

/** Runs `work` with a fresh temporary directory that is removed afterwards. */
export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cara-runner-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads a report the runner should have written; undefined when it did not. */
export async function readReport(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
