import { CaraError } from '../../core/errors.js';
import { jsonErrorPosition } from './json-position.js';
import {
  roundMs,
  type TestCaseResult,
  type TestFailure,
  type TestFileResult,
  type TestOutcome,
  type TestRunResult,
  testId,
  toRepoPath,
  worstOutcome,
} from './model.js';

export interface ParseJestJsonOptions {
  /** Where the report came from, named in error messages. */
  source: string;
  /** Repository root: the report's absolute file paths become relative to it. */
  root: string;
  runner: 'jest' | 'vitest';
}

/**
 * Parses Jest's `--json` and Vitest's `--reporter=json` output (the same jest-style shape).
 * A file that failed to load (no assertions, status `failed`) is reported as an `errored` file.
 */
export function parseJestJson(json: string, options: ParseJestJsonOptions): TestRunResult {
  const report = parseJson(json, options.source);
  const testResults = isRecord(report) ? report.testResults : undefined;
  if (!Array.isArray(testResults)) {
    throw new CaraError(
      'TEST_REPORT_INVALID',
      `${options.source}: not a ${options.runner} JSON report (no testResults array)`,
      {
        hint: `Write the report with ${options.runner === 'jest' ? 'jest --json --outputFile=FILE' : 'vitest run --reporter=json --outputFile=FILE'}.`,
      },
    );
  }

  const tests: TestCaseResult[] = [];
  const files: TestFileResult[] = [];
  let firstStart = Number.POSITIVE_INFINITY;
  let lastEnd = 0;
  for (const fileResult of testResults.filter(isRecord)) {
    const file = toRepoPath(stringOr(fileResult.name, '(unknown file)'), options.root);
    const assertions = Array.isArray(fileResult.assertionResults)
      ? fileResult.assertionResults.filter(isRecord)
      : [];
    const fileTests = assertions.map((assertion) => toTestCase(assertion, file));
    tests.push(...fileTests);

    const start = numberOr(fileResult.startTime, undefined);
    const end = numberOr(fileResult.endTime, undefined);
    if (start !== undefined && start > 0) firstStart = Math.min(firstStart, start);
    if (end !== undefined) lastEnd = Math.max(lastEnd, end);
    const loadFailed = fileResult.status === 'failed' && fileTests.every((t) => t.outcome !== 'failed');
    files.push({
      file,
      durationMs:
        start !== undefined && end !== undefined && end >= start
          ? roundMs(end - start)
          : roundMs(fileTests.reduce((sum, t) => sum + t.durationMs, 0)),
      outcome: loadFailed ? 'errored' : worstOutcome(fileTests.map((t) => t.outcome)),
    });
  }

  const reportStart = isRecord(report) ? numberOr(report.startTime, undefined) : undefined;
  const startMs = reportStart !== undefined && reportStart > 0 ? reportStart : firstStart;
  const startedAt = Number.isFinite(startMs) ? new Date(startMs).toISOString() : undefined;
  return {
    runner: options.runner,
    ...(startedAt === undefined ? {} : { startedAt }),
    durationMs: Number.isFinite(startMs) && lastEnd >= startMs ? roundMs(lastEnd - startMs) : 0,
    tests,
    files,
  };
}

function parseJson(json: string, source: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    const position = jsonErrorPosition(json);
    const where =
      position === undefined ? '' : `:${position.line}:${position.column} (offset ${position.offset})`;
    throw new CaraError(
      'TEST_REPORT_INVALID',
      `${source}${where}: malformed JSON: ${(error as Error).message}`,
      {
        hint: 'The report is truncated or corrupt; re-run the tests so the runner writes it again.',
        cause: error,
      },
    );
  }
}

const STATUS: Record<string, TestOutcome> = {
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  pending: 'skipped',
  todo: 'skipped',
  disabled: 'skipped',
  focused: 'passed',
};

function toTestCase(assertion: Record<string, unknown>, file: string): TestCaseResult {
  const suite = Array.isArray(assertion.ancestorTitles) ? assertion.ancestorTitles.map(String) : [];
  const name = stringOr(assertion.title, '(unnamed)');
  const outcome = STATUS[stringOr(assertion.status, '')] ?? 'errored';
  const messages = Array.isArray(assertion.failureMessages) ? assertion.failureMessages.map(String) : [];
  const failure = outcome === 'failed' || outcome === 'errored' ? toFailure(messages) : undefined;
  // Jest reports `invocations` (and `retryReasons`) when jest.retryTimes is used.
  const retryReasons = Array.isArray(assertion.retryReasons) ? assertion.retryReasons.length : 0;
  const attempts = Math.max(1, numberOr(assertion.invocations, undefined) ?? retryReasons + 1);
  return {
    id: testId(file, suite, name),
    file,
    suite,
    name,
    outcome,
    durationMs: roundMs(numberOr(assertion.duration, 0) ?? 0),
    ...(failure === undefined ? {} : { failure }),
    attempts,
    flakyPassed: outcome === 'passed' && attempts > 1,
  };
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function toFailure(messages: string[]): TestFailure {
  const text = messages.join('\n\n').replace(ANSI, '').trim();
  if (text === '') return { message: 'failed' };
  const stackStart = text.search(/\n\s+at /);
  const head = (stackStart === -1 ? text : text.slice(0, stackStart)).trim();
  const type = /^((?:[A-Za-z_$][\w$]*)?(?:Error|Exception))(?::|$)/.exec(head)?.[1];
  const message =
    type !== undefined && head.startsWith(type) ? head.slice(type.length).replace(/^:\s*/, '') : head;
  return { message: message || head, ...(type === undefined ? {} : { type }), stack: text };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function numberOr<T extends number | undefined>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
