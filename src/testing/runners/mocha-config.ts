/** Mocha's configuration (`.mocharc.*` over package.json) and its test-file discovery. */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CaraError, messageOf } from '../../core/errors.js';
import { outputTail, runProcess } from './child-process.js';
import { globToRegExp } from './glob.js';
import { readPackageJson } from './project.js';

/** Mocha's own search order for its configuration file. */
export const CONFIG_FILES = ['cjs', 'js', 'mjs', 'yaml', 'yml', 'jsonc', 'json'].map(
  (ext) => `.mocharc.${ext}`,
);
const DEFAULT_SPEC = ['./test'];
const DEFAULT_EXTENSIONS = ['js', 'cjs', 'mjs'];
/** Options cara sets itself, or that would add test files or stop the run from finishing. */
export const OVERRIDDEN_OPTIONS = [
  'spec',
  '_',
  'config',
  'package',
  'reporter',
  'reporter-option',
  'reporter-options',
  'reporterOption',
  'reporterOptions',
  'watch',
];

export type MochaConfig = Record<string, unknown>;

/**
 * The project's mocha configuration: its `.mocharc.*` file over the `mocha` key of package.json.
 * JavaScript configurations are evaluated in a child process, as mocha itself would load them.
 */
export async function readMochaConfig(root: string): Promise<MochaConfig> {
  const pkg = (await readPackageJson(root)) as { mocha?: unknown };
  const fromPackage = isRecord(pkg.mocha) ? pkg.mocha : {};
  for (const name of CONFIG_FILES) {
    const file = path.join(root, name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    return { ...fromPackage, ...(await parseConfig(root, name, text)) };
  }
  return fromPackage;
}

async function parseConfig(root: string, name: string, text: string): Promise<MochaConfig> {
  let parsed: unknown;
  try {
    if (/\.[cm]?js$/.test(name)) parsed = await evaluateConfig(root, name);
    else if (/\.ya?ml$/.test(name)) parsed = (await import('yaml')).parse(text);
    else parsed = JSON.parse(stripJsonComments(text));
  } catch (error) {
    if (error instanceof CaraError) throw error;
    throw invalidConfig(name, messageOf(error), error);
  }
  if (parsed === undefined || parsed === null) return {};
  if (!isRecord(parsed)) throw invalidConfig(name, 'the configuration is not an object');
  return parsed;
}

const MARK = '\u0000cara-mocharc\u0000';

async function evaluateConfig(root: string, name: string): Promise<unknown> {
  const script = `const { pathToFileURL } = await import('node:url');
const loaded = await import(pathToFileURL(process.argv[1]).href);
process.stdout.write(${JSON.stringify(MARK)} + JSON.stringify(loaded.default ?? loaded) + ${JSON.stringify(MARK)});`;
  const result = await runProcess(
    process.execPath,
    ['--input-type=module', '-e', script, path.join(root, name)],
    { cwd: root, timeoutMs: 30_000 },
  );
  const parts = result.output.split(MARK);
  if (result.exitCode !== 0 || parts.length < 3) {
    throw invalidConfig(
      name,
      `loading it failed (exit code ${result.exitCode}):\n${outputTail(result.output)}`,
    );
  }
  return JSON.parse(parts[1] as string);
}

function invalidConfig(name: string, reason: string, cause?: unknown): CaraError {
  return new CaraError('CONFIG_INVALID', `${name}: cannot read the mocha configuration: ${reason}`, {
    hint: `Fix ${name} so that mocha itself can load it.`,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Removes `//` and `/* *\/` comments outside strings, as mocha does before parsing `.mocharc.json(c)`. */
function stripJsonComments(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match, string?: string) =>
    string === undefined ? ' ' : match,
  );
}

/** An array option; mocha splits the values at commas except in `spec` and `ignore`, which are globs. */
function listOption(value: unknown, glob: boolean): string[] | undefined {
  if (typeof value === 'string') return glob ? [value] : value.split(/ *, */);
  if (Array.isArray(value)) return value.flatMap((item) => listOption(item, glob) ?? []);
  return undefined;
}

/**
 * The files mocha would run, resolved the way it resolves each spec: an existing file, a directory's
 * files with a test extension (recursively with `recursive`), a glob, or a path missing its extension.
 */
export async function discoverMochaFiles(root: string, config: MochaConfig): Promise<string[]> {
  const specs = listOption(config.spec, true) ?? DEFAULT_SPEC;
  const extensions = (listOption(config.extension, false) ?? DEFAULT_EXTENSIONS).map((ext) =>
    ext.replace(/^\./, ''),
  );
  const recursive = config.recursive === true;
  const ignored = (listOption(config.ignore, true) ?? []).map((glob) =>
    globToRegExp(normalizeSpec(root, glob)),
  );
  const found = new Set<string>();
  for (const spec of specs) {
    for (const file of await resolveSpec(root, normalizeSpec(root, spec), extensions, recursive)) {
      if (!ignored.some((pattern) => pattern.test(file))) found.add(file);
    }
  }
  return [...found].sort();
}

function normalizeSpec(root: string, spec: string): string {
  const relative = path.isAbsolute(spec) ? path.relative(root, spec) : spec;
  const posix = path.posix.normalize(relative.split(path.sep).join('/')).replace(/^\.\/|\/$/g, '');
  return posix === '.' ? '' : posix;
}

const GLOB_MAGIC = /[*?{[]|[@!+]\(/;

async function resolveSpec(
  root: string,
  spec: string,
  extensions: readonly string[],
  recursive: boolean,
): Promise<string[]> {
  const hasExtension = (file: string) => extensions.some((ext) => file.endsWith(`.${ext}`));
  const kind = await entryKind(path.join(root, spec));
  if (kind === undefined && GLOB_MAGIC.test(spec)) {
    const segments = spec.split('/');
    const firstMagic = segments.findIndex((segment) => GLOB_MAGIC.test(segment));
    const base = segments.slice(0, firstMagic).join('/');
    const pattern = globToRegExp(spec);
    return (await walk(root, base, true)).filter((file) => pattern.test(file));
  }
  if (kind === 'file') return [spec];
  if (kind === 'directory') {
    const files = await walk(root, spec, recursive);
    return files.filter((file) => hasExtension(file) && !path.posix.basename(file).startsWith('.'));
  }
  const candidates = extensions.map((ext) => `${spec}.${ext}`);
  const kinds = await Promise.all(candidates.map((file) => entryKind(path.join(root, file))));
  return candidates.filter((_, i) => kinds[i] === 'file');
}

async function entryKind(file: string): Promise<'file' | 'directory' | undefined> {
  try {
    const stats = await stat(file);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : undefined;
  } catch {
    return undefined;
  }
}

/** Files under root/base as repo-relative posix paths, skipping node_modules and hidden entries as glob does. */
async function walk(root: string, base: string, recursive: boolean): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (recursive) await visit(rel);
      } else if (entry.isFile()) out.push(rel);
    }
  };
  await visit(base);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
