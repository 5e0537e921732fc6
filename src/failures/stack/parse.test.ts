import { describe, expect, it } from 'vitest';
import { parseStackFrame, parseStackFrames } from './parse.js';

describe('parseStackFrames: V8', () => {
  it('reads named, anonymous, async, file-URL and internal frames', () => {
    const stack = [
      "TypeError: Cannot read properties of undefined (reading 'id')",
      '    at getUser (/home/runner/work/app/app/src/users.ts:14:22)',
      '    at async Promise.all (index 0)',
      '    at async handler (file:///home/runner/work/app/app/src/api.ts:8:5)',
      '    at /home/runner/work/app/app/src/boot.ts:3:1',
      '    at Object.<anonymous> (src/users.test.ts:7:18)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at new Server (C:\\app\\src\\server.ts:12:9)',
    ].join('\n');
    expect(parseStackFrames(stack)).toEqual([
      {
        file: '/home/runner/work/app/app/src/users.ts',
        line: 14,
        column: 22,
        fn: 'getUser',
        format: 'v8',
        internal: false,
      },
      { file: 'index 0', fn: 'Promise.all', format: 'v8', internal: true },
      {
        file: 'file:///home/runner/work/app/app/src/api.ts',
        line: 8,
        column: 5,
        fn: 'handler',
        format: 'v8',
        internal: false,
      },
      { file: '/home/runner/work/app/app/src/boot.ts', line: 3, column: 1, format: 'v8', internal: false },
      {
        file: 'src/users.test.ts',
        line: 7,
        column: 18,
        fn: 'Object.<anonymous>',
        format: 'v8',
        internal: false,
      },
      {
        file: 'node:internal/process/task_queues',
        line: 95,
        column: 5,
        fn: 'process.processTicksAndRejections',
        format: 'v8',
        internal: true,
      },
      {
        file: 'C:\\app\\src\\server.ts',
        line: 12,
        column: 9,
        fn: 'new Server',
        format: 'v8',
        internal: false,
      },
    ]);
  });

  it("reads vitest's ❯ frames and node:test's bare TAP frames, but not vitest's file summary", () => {
    expect(parseStackFrame(' ❯ add src/math.ts:3:9')).toMatchObject({
      file: 'src/math.ts',
      line: 3,
      fn: 'add',
    });
    expect(parseStackFrame(' ❯ src/math.test.ts:5:22')).toMatchObject({ file: 'src/math.test.ts', line: 5 });
    expect(parseStackFrame(' ❯ src/math.test.ts (2 tests | 1 failed) 5ms')).toBeUndefined();
    expect(
      parseStackFrame('        TestContext.<anonymous> (file:///w/app/test/math.test.js:8:12)'),
    ).toMatchObject({
      file: 'file:///w/app/test/math.test.js',
      line: 8,
      column: 12,
      fn: 'TestContext.<anonymous>',
    });
  });

  it('ignores prose that starts with "at"', () => {
    expect(parseStackFrame('at least one test failed')).toBeUndefined();
    expect(parseStackFrame('  at the end (see docs)')).toBeUndefined();
  });
});

describe('parseStackFrames: Python', () => {
  it('reads traceback and pytest frames', () => {
    const text = [
      'Traceback (most recent call last):',
      '  File "/home/runner/work/app/app/src/calc.py", line 12, in divide',
      '    return a / b',
      '  File "<frozen importlib._bootstrap>", line 241, in _call_with_frames_removed',
      'ZeroDivisionError: division by zero',
      'tests/test_calc.py:9: in test_divide',
      'src/calc.py:5: ZeroDivisionError',
    ].join('\n');
    expect(parseStackFrames(text)).toEqual([
      {
        file: '/home/runner/work/app/app/src/calc.py',
        line: 12,
        fn: 'divide',
        format: 'python',
        internal: false,
      },
      {
        file: '<frozen importlib._bootstrap>',
        line: 241,
        fn: '_call_with_frames_removed',
        format: 'python',
        internal: true,
      },
      { file: 'tests/test_calc.py', line: 9, fn: 'test_divide', format: 'python', internal: false },
      { file: 'src/calc.py', line: 5, format: 'python', internal: false },
    ]);
  });
});

describe('parseStackFrames: JVM', () => {
  it('reads frames as package paths, skips Caused by and "... N more"', () => {
    const text = [
      'java.lang.IllegalStateException: boom',
      '\tat com.acme.billing.Invoice$Line.total(Invoice.java:42)',
      '\tat java.base/java.util.ArrayList.forEach(ArrayList.java:1596)',
      '\tat app//com.acme.billing.InvoiceTest.totals(InvoiceTest.kt:18)',
      'Caused by: java.lang.ArithmeticException: / by zero',
      '\tat jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)',
      '\t... 12 more',
    ].join('\n');
    expect(parseStackFrames(text)).toEqual([
      {
        file: 'com/acme/billing/Invoice.java',
        line: 42,
        fn: 'com.acme.billing.Invoice$Line.total',
        format: 'jvm',
        internal: false,
      },
      {
        file: 'java/util/ArrayList.java',
        line: 1596,
        fn: 'java.util.ArrayList.forEach',
        format: 'jvm',
        internal: true,
      },
      {
        file: 'com/acme/billing/InvoiceTest.kt',
        line: 18,
        fn: 'com.acme.billing.InvoiceTest.totals',
        format: 'jvm',
        internal: false,
      },
      {
        file: 'Native Method',
        fn: 'jdk.internal.reflect.NativeMethodAccessorImpl.invoke0',
        format: 'jvm',
        internal: true,
      },
    ]);
  });
});
