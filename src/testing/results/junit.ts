import { CaraError } from '../../core/errors.js';
import {
  filesFromTests,
  roundMs,
  type TestCaseResult,
  type TestFailure,
  type TestOutcome,
  type TestRunResult,
  testId,
  toRepoPath,
} from './model.js';
import { childElements, parseXmlDocument, toElement, type XmlElement } from './xml-node.js';

export interface ParseJUnitXmlOptions {
  /** Where the report came from, named in error messages. */
  source: string;
  /** Repository root: absolute file paths under it become repo-relative. */
  root?: string;
  /** The runner that wrote the report; detected from the report when omitted, else `junit`. */
  runner?: string;
}

interface SuiteContext {
  path: string[];
  file: string | undefined;
  runner: string;
  root: string | undefined;
}

/**
 * Parses JUnit XML as written by pytest, gotestsum, Maven surefire, jest-junit, vitest, mocha-junit-reporter
 * and node:test. Missing attributes get defaults; surefire's flaky and rerun entries count as extra attempts;
 * a `<testcase>` directly under `<testsuites>` belongs to no suite (its `classname` aside).
 */
export function parseJUnitXml(xml: string, options: ParseJUnitXmlOptions): TestRunResult {
  const document = parseXmlDocument(xml, options.source);
  const rootNode = document.testsuites ?? document.testsuite;
  if (rootNode === undefined) {
    throw new CaraError(
      'TEST_REPORT_INVALID',
      `${options.source}: not a JUnit report (the root element is neither <testsuites> nor <testsuite>)`,
      { hint: 'Point cara at the JUnit XML file the test runner writes.' },
    );
  }
  const roots = (Array.isArray(rootNode) ? rootNode : [rootNode]).map(toElement);
  const topSuites =
    document.testsuites === undefined ? roots : roots.flatMap((r) => childElements(r, 'testsuite'));
  const runner = options.runner ?? detectRunner(roots, topSuites, document.testsuites !== undefined);

  const tests: TestCaseResult[] = [];
  let suitesMs = 0;
  // node:test (and a few others) write tests outside any suite straight under <testsuites>.
  const looseCases =
    document.testsuites === undefined ? [] : roots.flatMap((r) => childElements(r, 'testcase'));
  for (const testcase of looseCases) {
    const test = toTestCase(testcase, { path: [], file: undefined, runner, root: options.root });
    tests.push(test);
    suitesMs += test.durationMs;
  }
  for (const suite of topSuites) {
    const before = tests.length;
    collectSuite(suite, { path: [], file: undefined, runner, root: options.root }, tests);
    suitesMs +=
      parseSeconds(suite.attrs.time) ?? tests.slice(before).reduce((sum, t) => sum + t.durationMs, 0);
  }

  const wrapper = document.testsuites === undefined ? undefined : roots[0];
  const startedAt = wrapper?.attrs.timestamp ?? topSuites.find((s) => s.attrs.timestamp)?.attrs.timestamp;
  const wrapperTime = parseSeconds(wrapper?.attrs.time);
  const durationMs = wrapperTime ?? roundMs(suitesMs);
  return {
    runner,
    ...(startedAt === undefined ? {} : { startedAt }),
    durationMs,
    tests,
    files: filesFromTests(tests),
  };
}

function collectSuite(suite: XmlElement, context: SuiteContext, out: TestCaseResult[]): void {
  const name = suite.attrs.name?.trim();
  let file = suite.attrs.file ?? context.file;
  const path = [...context.path];
  if (name !== undefined && name !== '') {
    if (looksLikeFile(name)) file ??= name;
    else path.push(name);
  }
  const inner: SuiteContext = { ...context, path, file };
  for (const testcase of childElements(suite, 'testcase')) out.push(toTestCase(testcase, inner));
  for (const nested of childElements(suite, 'testsuite')) collectSuite(nested, inner, out);
}

function toTestCase(testcase: XmlElement, context: SuiteContext): TestCaseResult {
  const { attrs } = testcase;
  const classname = attrs.classname?.trim() || undefined;
  let name = attrs.name?.trim() || '(unnamed)';
  const rawFile =
    attrs.file ??
    context.file ??
    (classname !== undefined && looksLikeFile(classname) ? classname : undefined);
  const file = rawFile === undefined ? undefined : toRepoPath(rawFile, context.root);
  const suite = [...context.path];
  if (
    classname !== undefined &&
    classname !== name &&
    classname !== rawFile &&
    !looksLikeFile(classname) &&
    suite.at(-1) !== classname
  ) {
    suite.push(classname);
  }
  if (context.runner === 'vitest' && name.includes(' > ')) {
    // Vitest writes the describe path into the name; split it so ids match its JSON reporter.
    const parts = name.split(' > ');
    name = parts.pop() ?? name;
    suite.push(...parts);
  }

  const failures = childElements(testcase, 'failure');
  const errors = childElements(testcase, 'error');
  const skipped = childElements(testcase, 'skipped');
  const flaky = childElements(testcase, 'flakyFailure').length + childElements(testcase, 'flakyError').length;
  const reruns =
    childElements(testcase, 'rerunFailure').length + childElements(testcase, 'rerunError').length;
  let outcome: TestOutcome = 'passed';
  let failure: TestFailure | undefined;
  if (failures[0] !== undefined) {
    outcome = 'failed';
    failure = toFailure(failures[0], 'failed');
  } else if (errors[0] !== undefined) {
    outcome = 'errored';
    failure = toFailure(errors[0], 'error');
  } else if (skipped.length > 0) {
    outcome = 'skipped';
  }
  return {
    id: testId(file, suite, name),
    file,
    suite,
    name,
    outcome,
    durationMs: parseSeconds(attrs.time) ?? 0,
    ...(failure === undefined ? {} : { failure }),
    attempts: 1 + flaky + reruns,
    flakyPassed: outcome === 'passed' && flaky > 0,
  };
}

function toFailure(element: XmlElement, fallback: string): TestFailure {
  const type = element.attrs.type?.trim();
  const firstLine = element.text.split('\n').find((line) => line.trim() !== '');
  const message = element.attrs.message?.trim() || firstLine?.trim() || type || fallback;
  return {
    message,
    ...(type ? { type } : {}),
    ...(element.text === '' ? {} : { stack: element.text }),
  };
}

/**
 * A `time` attribute in seconds, as milliseconds; `undefined` when missing or unreadable.
 * Accepts `1,234.5` (thousands separators, old surefire) and `0,25` (decimal comma locales).
 */
export function parseSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let text = value.trim();
  if (text === '') return undefined;
  text = text.includes('.') ? text.replaceAll(',', '') : text.replace(',', '.');
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  return roundMs(seconds * 1000);
}

const SOURCE_FILE = /^[^\s]+\.(?:[cm]?[jt]sx?|py|go|rb|java|kt|cs|php|rs|swift|scala)$/;

function looksLikeFile(text: string): boolean {
  return SOURCE_FILE.test(text);
}

function detectRunner(roots: XmlElement[], suites: XmlElement[], wrapped: boolean): string {
  const rootName = wrapped ? (roots[0]?.attrs.name ?? '') : '';
  if (rootName === 'vitest tests') return 'vitest';
  if (rootName === 'jest tests') return 'jest';
  if (rootName === 'Mocha Tests') return 'mocha';
  for (const suite of suites) {
    if (suite.attrs.name === 'pytest') return 'pytest';
    if ((suite.attrs['xsi:noNamespaceSchemaLocation'] ?? '').includes('surefire')) return 'surefire';
    const properties = childElements(suite, 'properties').flatMap((p) => childElements(p, 'property'));
    if (properties.some((p) => p.attrs.name === 'go.version')) return 'go';
    if (properties.some((p) => p.attrs.name === 'java.version')) return 'surefire';
  }
  return 'junit';
}
