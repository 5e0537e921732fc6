import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseJUnitXml, type TestRunResult } from '../results/index.js';
import { mergeResults, timedOutFile } from './batch.js';
import { batchProcessOptions, outputTail, runProcess } from './child-process.js';
import { listFiles, readPackageJson, readReport, withTempDir } from './project.js';
import { DEFAULT_FILE_TIMEOUT_MS, type RunnerAdapter, type RunOptions } from './types.js';

/** Node's default `--test` patterns (Node 20): `*.test.js`, `*-test.js`, `*_test.js`, `test-*.js`, `test.js`, `test/**`. */
const DEFAULT_PATTERNS = [/(^|\/)test\/.*\.[cm]?js$/, /(^|\/)(test-[^/]*|test|[^/]*[.\-_]test)\.[cm]?js$/];

/**
 * The built-in `node --test` runner, one process per file (Node's JUnit report does not name files),
 * a few at a time; a file running past its timeout is killed and reported as errored.
 */
export function createNodeTestRunner(): RunnerAdapter {
  return {
    name: 'node-test',
    async detect(root) {
      const scripts = Object.values((await readPackageJson(root)).scripts ?? {});
      return scripts.some((script) => /\bnode\b[^&|;]*--test\b/.test(script));
    },
    discover: discoverNodeTests,
    async run(options) {
      const files = options.files ?? (await discoverNodeTests(options.root));
      const results: TestRunResult[] = new Array(files.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < files.length) {
          const index = next++;
          const file = files[index] as string;
          options.signal?.throwIfAborted();
          results[index] = await runFile(file, options);
        }
      };
      const workers = Math.max(1, Math.min(files.length, availableParallelism(), 4));
      const started = Date.now();
      await Promise.all(Array.from({ length: workers }, worker));
      return { ...mergeResults('node-test', results), durationMs: Date.now() - started };
    },
  };
}

async function discoverNodeTests(root: string): Promise<string[]> {
  const files = await listFiles(root);
  return files.filter((file) => DEFAULT_PATTERNS.some((pattern) => pattern.test(file)));
}

function runFile(file: string, options: RunOptions): Promise<TestRunResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  return withTempDir(async (dir) => {
    const out = path.join(dir, 'report.xml');
    const args = [
      '--test',
      '--test-reporter=junit',
      `--test-reporter-destination=${out}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      file,
    ];
    const result = await runProcess(process.execPath, args, batchProcessOptions(options, timeoutMs));
    options.signal?.throwIfAborted();
    if (result.timedOut) return timedOutFile('node-test', file, timeoutMs);
    const report = await readReport(out);
    if (report === undefined || report.trim() === '')
      return crashedFile(file, result.exitCode, result.output);
    return attributeToFile(
      parseJUnitXml(report, {
        source: `${file} (node --test JUnit report)`,
        runner: 'node-test',
      }),
      file,
    );
  });
}

/** Node's JUnit reporter names no file and sets every classname to `test`: put the file in and drop that. */
function attributeToFile(result: TestRunResult, file: string): TestRunResult {
  const tests = result.tests.map((test) => {
    const suite = test.suite.at(-1) === 'test' ? test.suite.slice(0, -1) : test.suite;
    return { ...test, file, suite, id: `${file}::${suite.join(' > ')}::${test.name}` };
  });
  const outcome =
    tests.length === 0
      ? 'skipped'
      : tests.some((t) => t.outcome === 'errored')
        ? 'errored'
        : tests.some((t) => t.outcome === 'failed')
          ? 'failed'
          : tests.every((t) => t.outcome === 'skipped')
            ? 'skipped'
            : 'passed';
  return { ...result, tests, files: [{ file, durationMs: result.durationMs, outcome }] };
}

function crashedFile(file: string, exitCode: number | null, output: string): TestRunResult {
  return {
    runner: 'node-test',
    durationMs: 0,
    tests: [
      {
        id: `${file}::::(file)`,
        file,
        suite: [],
        name: '(file)',
        outcome: 'errored',
        durationMs: 0,
        failure: {
          message: `node --test exited with code ${exitCode} without a report`,
          stack: outputTail(output),
        },
        attempts: 1,
        flakyPassed: false,
      },
    ],
    files: [{ file, durationMs: 0, outcome: 'errored' }],
  };
}
