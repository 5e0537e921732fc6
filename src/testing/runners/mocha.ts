import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CaraError, messageOf } from '../../core/errors.js';
import type { TestCaseResult, TestFailure, TestOutcome, TestRunResult } from '../results/index.js';
import { filesFromTests, roundMs, testId } from '../results/model.js';
import { mergeResults, timedOutFile } from './batch.js';
import { batchProcessOptions, outputTail, runProcess } from './child-process.js';
import {
  CONFIG_FILES,
  discoverMochaFiles,
  type MochaConfig,
  OVERRIDDEN_OPTIONS,
  readMochaConfig,
} from './mocha-config.js';
import {
  anyFileExists,
  readPackageJson,
  readReport,
  requireBinary,
  usesTool,
  withTempDir,
} from './project.js';
import { DEFAULT_FILE_TIMEOUT_MS, type RunnerAdapter, type RunOptions } from './types.js';

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
