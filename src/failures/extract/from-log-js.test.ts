import { describe, expect, it } from 'vitest';
import { logLinesFromText } from '../logs/index.js';
import { failuresFromLog } from './from-log.js';

const ESC = '\u001b';

function extract(log: string) {
  return failuresFromLog(logLinesFromText(log), { file: 'ci.log' });
}

const VITEST = `
 ❯ src/math.test.ts (2 tests | 1 failed) 5ms
   × add > adds numbers 3ms
     → expected 3 to be 4 // Object.is equality

${ESC}[31m⎯⎯⎯⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯⎯⎯⎯${ESC}[39m

${ESC}[41m${ESC}[1m FAIL ${ESC}[22m${ESC}[49m src/math.test.ts ${ESC}[2m>${ESC}[22m add ${ESC}[2m>${ESC}[22m adds numbers
${ESC}[31mAssertionError${ESC}[39m: expected 3 to be 4 // Object.is equality

- Expected
+ Received

- 4
+ 3

 ❯ add src/math.ts:3:9
 ❯ src/math.test.ts:5:22
      3| describe('add', () => {
      4|   it('adds numbers', () => {
      5|     expect(add(1, 2)).toBe(4);
       |                      ^
      6|   });

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[1/1]⎯

 Test Files  1 failed (1)
      Tests  1 failed | 1 passed (2)
`;

const JEST = `
  console.error
    Error: logged, not thrown
        at log (src/logger.ts:3:11)

FAIL src/math.test.ts
  add
    ✕ adds numbers (3 ms)
    ✓ subtracts (1 ms)

  ● add › adds numbers

    expect(received).toBe(expected) // Object.is equality

    Expected: 4
    Received: 3

      3 | describe('add', () => {
      4 |   it('adds numbers', () => {
    > 5 |     expect(add(1, 2)).toBe(4);
        |                       ^
      6 |   });

      at Object.<anonymous> (src/math.test.ts:5:23)

  ● add › throws on null

    TypeError: Cannot read properties of null (reading 'x')

      at read (src/math.ts:9:14)
      at Object.<anonymous> (src/math.test.ts:12:5)

Test Suites: 1 failed, 1 total
Tests:       2 failed, 1 passed, 3 total
npm ERR! code ELIFECYCLE
npm ERR! Test failed.  See above for more details.
`;

const NODE_TAP = `TAP version 13
# Subtest: math
    # Subtest: adds
    not ok 1 - adds
      ---
      duration_ms: 1.2
      location: '/home/runner/work/app/app/test/math.test.js:6:3'
      failureType: 'testCodeFailure'
      error: |-
        Expected values to be strictly equal:

        3 !== 4

      code: 'ERR_ASSERTION'
      name: 'AssertionError'
      expected: 4
      actual: 3
      operator: 'strictEqual'
      stack: |-
        TestContext.<anonymous> (file:///home/runner/work/app/app/test/math.test.js:8:12)
        Test.runInAsyncScope (node:async_hooks:206:9)
        async Promise.all (index 0)
      ...
    # Subtest: subtracts
    ok 2 - subtracts
      ---
      duration_ms: 0.3
      ...
    1..2
not ok 1 - math
  ---
  duration_ms: 2.1
  type: 'suite'
  failureType: 'subtestsFailed'
  error: '1 subtest failed'
  code: 'ERR_TEST_FAILURE'
  ...
# tests 2
# fail 1
`;

const NODE_SPEC = `▶ math
  ✔ subtracts (0.5ms)
  ✖ adds (1.2ms)
    AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

    3 !== 4

        at TestContext.<anonymous> (file:///home/runner/work/app/app/test/math.test.js:8:12)
        at Test.runInAsyncScope (node:async_hooks:206:9)
        at async Promise.all (index 0) {
      generatedMessage: true,
      code: 'ERR_ASSERTION'
    }

▶ math (2.1ms)
ℹ tests 2
ℹ fail 1

✖ failing tests:

✖ adds (1.2ms)
  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

  3 !== 4

      at TestContext.<anonymous> (file:///home/runner/work/app/app/test/math.test.js:8:12)
      at Test.runInAsyncScope (node:async_hooks:206:9)
      at async Promise.all (index 0) {
    generatedMessage: true,
    code: 'ERR_ASSERTION'
  }
`;

describe('failuresFromLog: JavaScript runners', () => {
  it('reads a coloured vitest failure with its test id, message and frames', async () => {
    const [failure, ...rest] = await extract(VITEST);
    expect(rest).toEqual([]);
    expect(failure).toMatchObject({
      source: 'log',
      file: 'ci.log',
      testId: 'src/math.test.ts::add::adds numbers',
      lineNo: 8,
      message: 'AssertionError: expected 3 to be 4 // Object.is equality',
    });
    expect(failure?.stack.map((frame) => `${frame.file}:${frame.line}`)).toEqual([
      'src/math.ts:3',
      'src/math.test.ts:5',
    ]);
    expect(failure?.text).toBe(
      'AssertionError: expected 3 to be 4 // Object.is equality\n❯ add src/math.ts:3:9\n❯ src/math.test.ts:5:22',
    );
  });

  it('reads jest blocks, ignores console output and drops npm fallout when tests explain the failure', async () => {
    const failures = await extract(JEST);
    expect(failures.map(({ testId, message }) => ({ testId, message }))).toEqual([
      {
        testId: 'src/math.test.ts::add::adds numbers',
        message: 'expect(received).toBe(expected) // Object.is equality',
      },
      {
        testId: 'src/math.test.ts::add::throws on null',
        message: "TypeError: Cannot read properties of null (reading 'x')",
      },
    ]);
    expect(failures[1]?.stack.map((frame) => frame.fn)).toEqual(['read', 'Object.<anonymous>']);
  });

  it('reads node:test TAP, joining the YAML error and name and skipping the suite roll-up', async () => {
    const failures = await extract(NODE_TAP);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toBe('AssertionError: Expected values to be strictly equal:');
    expect(failures[0]?.stack.map((frame) => [frame.file, frame.internal])).toEqual([
      ['file:///home/runner/work/app/app/test/math.test.js', false],
      ['node:async_hooks', true],
    ]);
  });

  it('reads node:test spec output and keeps the repeated "failing tests" copy once', async () => {
    const failures = await extract(NODE_SPEC);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      lineNo: 3,
      message: 'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
    });
    expect(failures[0]?.stack).toHaveLength(3);
  });

  it('reports npm fallout when it is the only failure in the log', async () => {
    const log = 'npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree\nnpm ERR! \n';
    expect((await extract(log)).map((failure) => failure.message)).toEqual([
      'npm ERR! ERESOLVE unable to resolve dependency tree',
    ]);
  });

  it('reads an uncaught Node error and separates interleaved workers', async () => {
    const log = [
      '[worker 1] Error: connect ECONNREFUSED 127.0.0.1:5432',
      '[worker 2] TypeError: fetch failed',
      '[worker 1]     at TCPConnectWrap.afterConnect (node:net:1555:16)',
      '[worker 2]     at fetchUser (/home/runner/work/app/app/src/api.ts:8:11)',
      '[worker 1]     at connect (/home/runner/work/app/app/src/db.ts:21:7)',
      '[worker 2] done',
      '[worker 1] done',
    ].join('\n');
    const failures = await extract(log);
    expect(
      failures.map((failure) => [failure.lineNo, failure.message, failure.stack.map((frame) => frame.file)]),
    ).toEqual([
      [1, 'Error: connect ECONNREFUSED 127.0.0.1:5432', ['node:net', '/home/runner/work/app/app/src/db.ts']],
      [2, 'TypeError: fetch failed', ['/home/runner/work/app/app/src/api.ts']],
    ]);
  });

  it('does not take ordinary lines that mention errors for failures', async () => {
    const log = [
      '✓ error handling tests passed',
      'Error handling tests passed',
      'error handling tests passed',
      'TypeError messages are translated (3 cases)',
      'Found 0 errors. Watching for file changes.',
      'ErrorBoundary renders children',
      'Errors: 0, Warnings: 2',
      'at least one retry was needed',
      ' ✓ src/errors.test.ts (4 tests) 12ms',
      'Tests  4 passed (4)',
    ].join('\n');
    expect(await extract(log)).toEqual([]);
  });

  it('keeps one copy of a block repeated verbatim, and both of two different ones', async () => {
    const block = 'Error: boom\n    at run (src/a.ts:1:1)\n\n';
    const other = 'Error: boom\n    at run (src/b.ts:2:2)\n\n';
    expect((await extract(block + block + other)).map((failure) => failure.lineNo)).toEqual([1, 7]);
  });
});
