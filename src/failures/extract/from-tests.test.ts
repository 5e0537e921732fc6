import { describe, expect, it } from 'vitest';
import type { TestCaseResult } from '../../testing/index.js';
import { failuresFromTestResults } from './from-tests.js';

function result(
  name: string,
  outcome: TestCaseResult['outcome'],
  failure?: TestCaseResult['failure'],
): TestCaseResult {
  return {
    id: `src/math.test.ts::add::${name}`,
    file: 'src/math.test.ts',
    suite: ['add'],
    name,
    outcome,
    durationMs: 1,
    attempts: 1,
    flakyPassed: false,
    ...(failure === undefined ? {} : { failure }),
  };
}

describe('failuresFromTestResults', () => {
  it('makes one record per failed or errored test and none for the others', () => {
    const records = failuresFromTestResults([
      result('passes', 'passed'),
      result('skips', 'skipped'),
      result('fails', 'failed', {
        // jest copies the whole stack into the message.
        message: [
          'Error: expect(received).toBe(expected) // Object.is equality',
          '',
          'Expected: 4',
          'Received: 3',
          '    at Object.<anonymous> (/w/app/src/math.test.ts:5:23)',
        ].join('\n'),
        stack:
          '    at Object.<anonymous> (/w/app/src/math.test.ts:5:23)\n    at add (/w/app/src/math.ts:3:9)',
      }),
      result('errors', 'errored'),
    ]);
    expect(records).toEqual([
      {
        source: 'test',
        testId: 'src/math.test.ts::add::fails',
        message: 'Error: expect(received).toBe(expected) // Object.is equality',
        stack: [
          {
            file: '/w/app/src/math.test.ts',
            line: 5,
            column: 23,
            fn: 'Object.<anonymous>',
            format: 'v8',
            internal: false,
          },
          { file: '/w/app/src/math.ts', line: 3, column: 9, fn: 'add', format: 'v8', internal: false },
        ],
        text: [
          'Error: expect(received).toBe(expected) // Object.is equality',
          'at Object.<anonymous> (/w/app/src/math.test.ts:5:23)',
          'at add (/w/app/src/math.ts:3:9)',
        ].join('\n'),
      },
      {
        source: 'test',
        testId: 'src/math.test.ts::add::errors',
        message: 'errored without a message',
        stack: [],
        text: 'errored without a message',
      },
    ]);
  });

  it('prefixes the JUnit failure type and reads JVM and Python stacks from the body', () => {
    const [jvm, python] = failuresFromTestResults([
      result('jvm', 'failed', {
        message: 'expected: <4> but was: <3>',
        type: 'org.opentest4j.AssertionFailedError',
        stack:
          'org.opentest4j.AssertionFailedError: expected: <4> but was: <3>\n\tat com.acme.CalcTest.adds(CalcTest.java:12)',
      }),
      result('python', 'failed', {
        message: 'ZeroDivisionError: division by zero',
        stack:
          'Traceback (most recent call last):\n  File "/w/app/calc.py", line 5, in divide\n    return a / b\nZeroDivisionError: division by zero',
      }),
    ]);
    expect(jvm?.message).toBe('org.opentest4j.AssertionFailedError: expected: <4> but was: <3>');
    expect(jvm?.stack.map((frame) => frame.file)).toEqual(['com/acme/CalcTest.java']);
    expect(python?.message).toBe('ZeroDivisionError: division by zero');
    expect(python?.stack.map((frame) => `${frame.file}:${frame.line}`)).toEqual(['/w/app/calc.py:5']);
  });

  it('caps the text', () => {
    const [record] = failuresFromTestResults([result('long', 'failed', { message: 'x'.repeat(100) })], {
      maxTextLength: 10,
    });
    expect(record?.text).toBe('x'.repeat(10));
  });
});
