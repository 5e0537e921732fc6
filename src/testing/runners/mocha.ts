import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CaraError, messageOf } from '../../core/errors.js';
import type { TestCaseResult, TestFailure, TestOutcome, TestRunResult } from '../results/index.js';
import { filesFromTests, roundMs, testId } from '../results/model.js';
import { mergeResults, timedOutFile } from './batch.js';
import { batchProcessOptions, outputTail, runProcess } from './child-process.js';
import { globToRegExp } from './glob.js';
import {
  anyFileExists,
  readPackageJson,
  readReport,
  requireBinary,
  usesTool,
  withTempDir,
} from './project.js';
import { DEFAULT_FILE_TIMEOUT_MS, type RunnerAdapter, type RunOptions } from './types.js';

/** Mocha's own search order for its configuration file. */
const CONFIG_FILES = ['cjs', 'js', 'mjs', 'yaml', 'yml', 'jsonc', 'json'].map((ext) => `.mocharc.${ext}`);
const DEFAULT_SPEC = ['./test'];
const DEFAULT_EXTENSIONS = ['js', 'cjs', 'mjs'];
/** Options cara sets itself, or that would add test files or stop the run from finishing. */
const OVERRIDDEN_OPTIONS = [
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

type MochaConfig = Record<string, unknown>;

/**
 * Mocha, which has no list command: test files come from the `spec`, `extension`, `recursive` and
 * `ignore` of its configuration; runs use a small reporter that writes each test's title path and file.
 */
export function createMochaRunner(): RunnerAdapter {
  return {
    name: 'mocha',
    async detect(root) {
      return usesTool(await readPackageJson(root), 'mocha', /\bmocha\b/) || anyFileExists(root, CONFIG_FILES);
    },
    async discover(root) {
      return discoverMochaFiles(root, await readMochaConfig(root));
    },
    async run(options) {
      const binary = await requireBinary(options.root, 'mocha');
      const config = await readMochaConfig(options.root);
      const files = options.files ?? (await discoverMochaFiles(options.root, config));
      if (files.length === 0) return { runner: 'mocha', durationMs: 0, tests: [], files: [] };
      return withTempDir((dir) => runMochaFiles(binary, config, files, options, dir));
    },
  };
}

/**
 * The project's mocha configuration: its `.mocharc.*` file over the `mocha` key of package.json.
 * JavaScript configurations are evaluated in a child process, as mocha itself would load them.
 */
async function readMochaConfig(root: string): Promise<MochaConfig> {
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
async function discoverMochaFiles(root: string, config: MochaConfig): Promise<string[]> {
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

/**
 * The reporter mocha loads for a batch: each finished test's (or failed hook's) title path, file, state,
 * duration, retries and error, written to report.json beside it when the run ends. Mocha's own json and
 * xunit reporters join the describe titles with spaces, which loses where one suite name ends.
 */
const REPORTER = String.raw`'use strict';
const fs = require('node:fs');
const path = require('node:path');

function errorOf(err) {
  if (err === undefined || err === null) return undefined;
  if (typeof err !== 'object') return { message: String(err) };
  return {
    message: err.message === undefined ? '' : String(err.message),
    name: err.name === undefined ? undefined : String(err.name),
    stack: err.stack === undefined ? undefined : String(err.stack),
  };
}

module.exports = function CaraMochaReporter(runner) {
  const started = Date.now();
  const tests = [];
  const add = (runnable, state, err) => {
    const titlePath = runnable.titlePath();
    tests.push({
      titlePath,
      file: runnable.file || (runnable.parent && runnable.parent.file),
      state,
      hook: runnable.type === 'hook',
      durationMs: runnable.duration || 0,
      retries: typeof runnable.currentRetry === 'function' ? runnable.currentRetry() : 0,
      err: errorOf(err),
    });
    const mark = state === 'passed' ? 'ok  ' : state === 'failed' ? 'FAIL' : 'skip';
    process.stdout.write(mark + ' ' + titlePath.join(' > ') + '\n');
  };
  runner.on('pass', (test) => add(test, 'passed'));
  runner.on('fail', (test, err) => add(test, 'failed', err));
  runner.on('pending', (test) => add(test, 'skipped'));
  runner.once('end', () => {
    const report = { startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, tests };
    fs.writeFileSync(path.join(__dirname, 'report.json'), JSON.stringify(report));
  });
};
`;

type BatchOutcome =
  | { kind: 'done'; result: TestRunResult }
  | { kind: 'timeout' }
  | { kind: 'crashed'; exitCode: number | null; output: string };

/**
 * Runs the files in one mocha process under a configuration without `spec` (mocha would add its files
 * to the ones given). When that process hangs or dies without a report, each file runs on its own, so
 * the culprit is reported as errored and the other files still report.
 */
async function runMochaFiles(
  binary: string,
  config: MochaConfig,
  files: readonly string[],
  options: RunOptions,
  dir: string,
): Promise<TestRunResult> {
  const configFile = path.join(dir, 'mocharc.json');
  const kept = Object.entries(config).filter(([key]) => !OVERRIDDEN_OPTIONS.includes(key));
  await writeFile(configFile, JSON.stringify(Object.fromEntries(kept)));
  let batches = 0;
  const runBatch = async (batch: readonly string[], limitMs: number): Promise<BatchOutcome> => {
    const batchDir = path.join(dir, `batch-${batches++}`);
    await mkdir(batchDir);
    const reporter = path.join(batchDir, 'reporter.cjs');
    await writeFile(reporter, REPORTER);
    const args = ['--config', configFile, '--no-package', '--reporter', reporter, ...batch];
    const result = await runProcess(binary, args, batchProcessOptions(options, limitMs));
    options.signal?.throwIfAborted();
    if (result.timedOut) return { kind: 'timeout' };
    const report = await readReport(path.join(batchDir, 'report.json'));
    if (report === undefined) return { kind: 'crashed', exitCode: result.exitCode, output: result.output };
    return { kind: 'done', result: parseMochaReport(report, batch, options.root) };
  };

  const timeoutMs = options.timeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  const started = Date.now();
  const whole = await runBatch(files, timeoutMs * files.length);
  if (whole.kind === 'done') return whole.result;
  const parts: TestRunResult[] = [];
  for (const file of files) {
    options.signal?.throwIfAborted();
    const alone = files.length === 1 ? whole : await runBatch([file], timeoutMs);
    if (alone.kind === 'done') parts.push(alone.result);
    else if (alone.kind === 'timeout') parts.push(timedOutFile('mocha', file, timeoutMs));
    else parts.push(crashedFile(file, alone.exitCode, alone.output));
  }
  return { ...mergeResults('mocha', parts), durationMs: roundMs(Date.now() - started) };
}

interface ReportEntry {
  titlePath?: unknown;
  file?: unknown;
  state?: unknown;
  hook?: unknown;
  durationMs?: unknown;
  retries?: unknown;
  err?: { message?: unknown; name?: unknown; stack?: unknown };
}

/**
 * Reads the report of the reporter above into a run: one result per test id (a test reported twice,
 * e.g. failing after it passed, keeps its last state) and one per file of the batch, `skipped` when it
 * ran no test. A failed hook is an `errored` test named after the hook.
 */
function parseMochaReport(json: string, batch: readonly string[], root: string): TestRunResult {
  let report: { startedAt?: unknown; durationMs?: unknown; tests?: unknown };
  try {
    report = JSON.parse(json) as typeof report;
  } catch (error) {
    throw new CaraError('TEST_REPORT_INVALID', `mocha report: unreadable JSON: ${messageOf(error)}`, {
      hint: 'Re-run the tests so mocha writes the report again.',
      cause: error,
    });
  }
  const entries = Array.isArray(report.tests) ? (report.tests as ReportEntry[]) : [];
  const tests = new Map<string, TestCaseResult>();
  for (const entry of entries) {
    const test = toTestCase(entry, batch.length === 1 ? batch[0] : undefined, root);
    tests.set(test.id, test);
  }
  const list = [...tests.values()];
  const byFile = new Map(filesFromTests(list).map((file) => [file.file, file]));
  const files = batch.map((file) => byFile.get(file) ?? { file, durationMs: 0, outcome: 'skipped' as const });
  files.push(...[...byFile.values()].filter((file) => !batch.includes(file.file)));
  return {
    runner: 'mocha',
    ...(typeof report.startedAt === 'string' ? { startedAt: report.startedAt } : {}),
    durationMs: typeof report.durationMs === 'number' ? report.durationMs : 0,
    tests: list,
    files,
  };
}

function toTestCase(entry: ReportEntry, onlyFile: string | undefined, root: string): TestCaseResult {
  const titles = Array.isArray(entry.titlePath) ? entry.titlePath.map(String) : [];
  const title = titles.at(-1) || '(unnamed)';
  // Mocha names a hook after the test it ran for (`"before all" hook for "adds"`); the id should not change with it.
  const name = entry.hook === true ? title.replace(/ (?:for|in) "[\s\S]*"$/, '') : title;
  const suite = titles.slice(0, -1);
  const file =
    typeof entry.file === 'string'
      ? path.relative(root, path.resolve(root, entry.file)).split(path.sep).join('/')
      : onlyFile;
  const failed = entry.state === 'failed';
  const outcome: TestOutcome =
    failed && entry.hook === true
      ? 'errored'
      : failed
        ? 'failed'
        : entry.state === 'skipped'
          ? 'skipped'
          : 'passed';
  const retries = typeof entry.retries === 'number' ? entry.retries : 0;
  const failure = failed ? toFailure(entry.err) : undefined;
  return {
    id: testId(file, suite, name),
    file,
    suite,
    name,
    outcome,
    durationMs: typeof entry.durationMs === 'number' ? roundMs(entry.durationMs) : 0,
    ...(failure === undefined ? {} : { failure }),
    attempts: retries + 1,
    flakyPassed: outcome === 'passed' && retries > 0,
  };
}

function toFailure(err: ReportEntry['err']): TestFailure {
  const type = typeof err?.name === 'string' && err.name !== '' ? err.name : undefined;
  const stack = typeof err?.stack === 'string' && err.stack !== '' ? err.stack : undefined;
  const message = typeof err?.message === 'string' && err.message !== '' ? err.message : (type ?? 'failed');
  return { message, ...(type === undefined ? {} : { type }), ...(stack === undefined ? {} : { stack }) };
}

function crashedFile(file: string, exitCode: number | null, output: string): TestRunResult {
  const test: TestCaseResult = {
    id: testId(file, [], '(file)'),
    file,
    suite: [],
    name: '(file)',
    outcome: 'errored',
    durationMs: 0,
    failure: { message: `mocha exited with code ${exitCode} without a report`, stack: outputTail(output) },
    attempts: 1,
    flakyPassed: false,
  };
  return {
    runner: 'mocha',
    durationMs: 0,
    tests: [test],
    files: [{ file, durationMs: 0, outcome: 'errored' }],
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
