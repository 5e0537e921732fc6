import { describe, expect, it } from 'vitest';
import { logLinesFromText } from '../logs/index.js';
import { failuresFromLog } from './from-log.js';

function extract(log: string) {
  return failuresFromLog(logLinesFromText(log));
}

const PYTEST = `============================= test session starts ==============================
platform linux -- Python 3.12.1, pytest-8.0.0, pluggy-1.4.0
rootdir: /home/runner/work/app/app
collected 3 items

tests/test_calc.py .F.F                                                  [100%]

=================================== FAILURES ===================================
___________________________________ test_add ___________________________________

    def test_add():
>       assert add(1, 2) == 4
E       assert 3 == 4
E        +  where 3 = add(1, 2)

tests/test_calc.py:6: AssertionError
_________________________________ test_divide __________________________________

    def test_divide():
>       divide(1, 0)

tests/test_calc.py:9: 
_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _

a = 1, b = 0

    def divide(a, b):
>       return a / b
E       ZeroDivisionError: division by zero

src/calc.py:5: ZeroDivisionError
=========================== short test summary info ============================
FAILED tests/test_calc.py::test_add - assert 3 == 4
FAILED tests/test_calc.py::test_divide - ZeroDivisionError: division by zero
FAILED tests/test_io.py::test_read - OSError: disk full
========================= 3 failed, 1 passed in 0.05s ==========================
`;

const TRACEBACK = `Running migrations
Traceback (most recent call last):
  File "/home/runner/work/app/app/manage.py", line 22, in <module>
    main()
  File "/home/runner/work/app/app/app/db.py", line 41, in connect
    raise DatabaseUnavailable(url)
app.db.DatabaseUnavailable: postgres://localhost:5432 refused the connection
Migrations aborted
`;

const MAVEN = `[INFO] -------------------------------------------------------
[INFO]  T E S T S
[INFO] -------------------------------------------------------
[INFO] Running com.acme.CalculatorTest
[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.05 s <<< FAILURE! - in com.acme.CalculatorTest
[ERROR] com.acme.CalculatorTest.adds  Time elapsed: 0.01 s  <<< FAILURE!
org.opentest4j.AssertionFailedError: expected: <4> but was: <3>
\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)
\tat org.junit.jupiter.api.Assertions.assertEquals(Assertions.java:150)
\tat com.acme.CalculatorTest.adds(CalculatorTest.java:12)
Caused by: java.lang.ArithmeticException: overflow
\tat com.acme.Calculator.add(Calculator.java:7)
\t... 3 more

[INFO] 
[INFO] Results:
[INFO] 
[ERROR] Failures: 
[ERROR]   CalculatorTest.adds:12 expected: <4> but was: <3>
[INFO] 
[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0
[INFO] 
[INFO] BUILD FAILURE
[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on project calc: There are test failures.
[ERROR] 
[ERROR] Please refer to /home/runner/work/calc/calc/target/surefire-reports for the individual test results.
`;

const GO = `=== RUN   TestAdd
    calc_test.go:12: Add(1, 2) = 3; want 4
--- FAIL: TestAdd (0.00s)
=== RUN   TestSub
--- PASS: TestSub (0.00s)
=== RUN   TestDiv
--- FAIL: TestDiv (0.00s)
panic: runtime error: integer divide by zero [recovered]
\tpanic: runtime error: integer divide by zero

goroutine 7 [running]:
testing.tRunner.func1.2({0x5163a0, 0x5f8f40})
\t/usr/local/go/src/testing/testing.go:1545 +0x238
github.com/acme/calc.Div(...)
\t/home/runner/work/calc/calc/calc.go:8
FAIL\tgithub.com/acme/calc\t0.004s
FAIL
Error: Process completed with exit code 1.
`;

describe('failuresFromLog: pytest, Python, Maven and Go', () => {
  it('reads pytest blocks, names them from the summary, and keeps a summary-only failure', async () => {
    const failures = await extract(PYTEST);
    expect(failures.map(({ testId, message, lineNo }) => ({ testId, message, lineNo }))).toEqual([
      { testId: 'tests/test_calc.py::::test_add', message: 'assert 3 == 4', lineNo: 9 },
      {
        testId: 'tests/test_calc.py::::test_divide',
        message: 'ZeroDivisionError: division by zero',
        lineNo: 17,
      },
      { testId: 'tests/test_io.py::::test_read', message: 'OSError: disk full', lineNo: 35 },
    ]);
    expect(failures[1]?.stack.map((frame) => `${frame.file}:${frame.line}`)).toEqual([
      'tests/test_calc.py:9',
      'src/calc.py:5',
    ]);
  });

  it('takes the exception at the end of a Python traceback as the message', async () => {
    const [failure, ...rest] = await extract(TRACEBACK);
    expect(rest).toEqual([]);
    expect(failure?.message).toBe(
      'app.db.DatabaseUnavailable: postgres://localhost:5432 refused the connection',
    );
    expect(failure?.lineNo).toBe(2);
    expect(failure?.stack.map((frame) => frame.fn)).toEqual(['<module>', 'connect']);
  });

  it('reads a surefire failure with its causes and ignores the summary and the goal failure', async () => {
    const failures = await extract(MAVEN);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      testId: '::com.acme.CalculatorTest::adds',
      message: 'org.opentest4j.AssertionFailedError: expected: <4> but was: <3>',
    });
    expect(failures[0]?.stack.map((frame) => frame.file)).toEqual([
      'org/junit/jupiter/api/AssertionFailureBuilder.java',
      'org/junit/jupiter/api/Assertions.java',
      'com/acme/CalculatorTest.java',
      'com/acme/Calculator.java',
    ]);
  });

  it('reports the goal failure of a Maven build that failed before any test', async () => {
    const log = `[INFO] BUILD FAILURE\n[ERROR] Failed to execute goal on project calc: Could not resolve dependencies\n[ERROR] \n`;
    expect((await extract(log)).map((failure) => failure.message)).toEqual([
      'Failed to execute goal on project calc: Could not resolve dependencies',
    ]);
  });

  it('reads go test failures, with logs printed before the verdict, and panics', async () => {
    const failures = await extract(GO);
    expect(failures.map(({ message, lineNo }) => ({ message, lineNo }))).toEqual([
      { message: 'calc_test.go:12: Add(1, 2) = 3; want 4', lineNo: 3 },
      { message: 'panic: runtime error: integer divide by zero [recovered]', lineNo: 7 },
    ]);
    expect(failures[1]?.text).toBe('panic: runtime error: integer divide by zero [recovered]');
  });

  it('reads compiler errors as failures', async () => {
    const log = [
      "src/api.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
      '[ERROR] /home/runner/work/calc/calc/src/main/java/com/acme/Calc.java:[12,5] cannot find symbol',
      './calc.go:8:2: undefined: mul',
    ].join('\n');
    expect((await extract(log)).map((failure) => failure.message)).toEqual([
      "src/api.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
      '/home/runner/work/calc/calc/src/main/java/com/acme/Calc.java:[12,5] cannot find symbol',
      './calc.go:8:2: undefined: mul',
    ]);
  });

  it('reads a unittest failure with its test id', async () => {
    const log = [
      '======================================================================',
      'FAIL: test_add (tests.test_calc.CalcTest.test_add)',
      '----------------------------------------------------------------------',
      'Traceback (most recent call last):',
      '  File "/w/app/tests/test_calc.py", line 6, in test_add',
      '    self.assertEqual(add(1, 2), 4)',
      'AssertionError: 3 != 4',
      '',
      '----------------------------------------------------------------------',
      'Ran 2 tests in 0.001s',
    ].join('\n');
    const failures = await extract(log);
    expect(failures.map(({ testId, message }) => ({ testId, message }))).toEqual([
      { testId: '::tests.test_calc.CalcTest::test_add', message: 'AssertionError: 3 != 4' },
    ]);
    expect(failures[0]?.stack).toHaveLength(1);
  });

  it('accepts an async stream and caps the number of failures', async () => {
    async function* lines() {
      yield* logLinesFromText('Error: one\nError: two\nError: three\n');
    }
    expect((await failuresFromLog(lines(), { maxFailures: 2 })).map((failure) => failure.message)).toEqual([
      'Error: one',
      'Error: two',
    ]);
  });
});
