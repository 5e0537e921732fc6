import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { parseJUnitXml, parseSeconds } from './junit.js';

const ROOT = '/home/runner/work/shop/shop';

function fixture(name: string): string {
  return readFileSync(new URL(`../../../test/fixtures/junit/${name}`, import.meta.url), 'utf8');
}

function parseFixture(name: string) {
  return parseJUnitXml(fixture(name), { source: name, root: ROOT });
}

function thrown(fn: () => unknown): CaraError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaraError) return error;
    throw error;
  }
  throw new Error('expected a CaraError');
}

describe('parseJUnitXml', () => {
  it('reads pytest reports: failures, setup errors, skips and parametrised names', () => {
    const run = parseFixture('pytest.xml');
    expect(run.runner).toBe('pytest');
    expect(run.startedAt).toBe('2024-05-14T09:21:07.123456+00:00');
    expect(run.durationMs).toBe(482);
    expect(run.tests.map((t) => [t.id, t.outcome, t.durationMs])).toEqual([
      ['::pytest > tests.test_math.TestAdd::test_add_integers', 'passed', 1],
      ['::pytest > tests.test_math.TestAdd::test_add_floats', 'failed', 2],
      ['::pytest > tests.test_math::test_divide[10-2-5]', 'passed', 0.5],
      ['::pytest > tests.test_db::test_query', 'errored', 410],
      ['::pytest > tests.test_net::test_fetch', 'skipped', 0],
    ]);
    const floats = run.tests[1];
    expect(floats?.failure?.message).toBe(
      'assert 0.30000000000000004 == 0.3\n +  where 0.30000000000000004 = add(0.1, 0.2)',
    );
    expect(floats?.failure?.stack).toContain('>       assert add(0.1, 0.2) == 0.3');
    expect(floats?.failure?.stack).toMatch(/tests\/test_math.py:12: AssertionError$/);
    expect(run.tests[3]?.failure?.message).toBe(
      'failed on setup with "ConnectionRefusedError: [Errno 111] Connection refused"',
    );
    expect(run.tests[4]?.failure).toBeUndefined();
    expect(run.tests.every((t) => t.file === undefined && t.attempts === 1)).toBe(true);
    expect(run.files).toEqual([]);
  });

  it('reads gotestsum reports: one suite per package, subtests by name', () => {
    const run = parseFixture('gotestsum.xml');
    expect(run.runner).toBe('go');
    expect(run.durationMs).toBe(1532);
    expect(run.startedAt).toBe('2024-05-14T09:30:11Z');
    expect(run.tests.map((t) => [t.id, t.outcome, t.durationMs])).toEqual([
      ['::github.com/acme/shop/cart::TestAddItem', 'passed', 0],
      ['::github.com/acme/shop/cart::TestTotal/with_discount', 'failed', 10],
      ['::github.com/acme/shop/cart::TestTotal', 'failed', 10],
      ['::github.com/acme/shop/cart::TestSlowCheckout', 'skipped', 0],
      ['::github.com/acme/shop/payment::TestCharge', 'passed', 1500],
    ]);
    expect(run.tests[1]?.failure).toEqual({
      message: 'Failed',
      stack:
        '=== RUN   TestTotal/with_discount\n    cart_test.go:42: total = 90, want 85\n--- FAIL: TestTotal/with_discount (0.01s)',
    });
  });

  it('reads surefire reports: flaky and rerun failures count as attempts, comma times', () => {
    const run = parseFixture('surefire.xml');
    expect(run.runner).toBe('surefire');
    expect(run.durationMs).toBe(1_002_583);
    expect(run.startedAt).toBeUndefined();
    const byName = new Map(run.tests.map((t) => [t.name, t]));
    expect(byName.get('addsItem')).toEqual({
      id: '::com.acme.shop.CartServiceTest::addsItem',
      file: undefined,
      suite: ['com.acme.shop.CartServiceTest'],
      name: 'addsItem',
      outcome: 'passed',
      durationMs: 12,
      attempts: 1,
      flakyPassed: false,
    });
    expect(byName.get('appliesDiscount')).toMatchObject({
      outcome: 'passed',
      attempts: 2,
      flakyPassed: true,
    });
    expect(byName.get('appliesDiscount')?.failure).toBeUndefined();
    expect(byName.get('checksOutConcurrently')).toMatchObject({
      outcome: 'failed',
      durationMs: 1_002_500,
      attempts: 3,
      flakyPassed: false,
      failure: { message: 'deadlock detected after 1000s', type: 'java.lang.AssertionError' },
    });
    expect(byName.get('loadsPrices')).toMatchObject({
      outcome: 'errored',
      durationMs: 37,
      failure: {
        message: 'Connection refused',
        type: 'java.net.ConnectException',
        stack:
          'java.net.ConnectException: Connection refused\n\tat com.acme.shop.PriceClient.load(PriceClient.java:31)',
      },
    });
    expect(byName.get('exportsCsv')?.outcome).toBe('skipped');
  });

  it('reads jest-junit reports with file attributes', () => {
    const run = parseFixture('jest-junit.xml');
    expect(run.runner).toBe('jest');
    expect(run.durationMs).toBe(2130);
    expect(run.tests.map((t) => [t.id, t.outcome, t.durationMs])).toEqual([
      ['src/cart.test.js::Cart::Cart adds an item', 'passed', 4],
      ['src/cart.test.js::Cart::Cart totals with discount', 'failed', 11],
      ['src/cart.test.js::Cart::Cart exports csv', 'skipped', 0],
      ['src/checkout.test.js::Checkout::Checkout charges the card', 'passed', 251],
    ]);
    // jest-junit writes no message attribute: the first line of the text stands in.
    expect(run.tests[1]?.failure?.message).toBe(
      'Error: expect(received).toBe(expected) // Object.is equality',
    );
    expect(run.tests[1]?.failure?.type).toBeUndefined();
    expect(run.files).toEqual([
      { file: 'src/cart.test.js', durationMs: 15, outcome: 'failed' },
      { file: 'src/checkout.test.js', durationMs: 251, outcome: 'passed' },
    ]);
  });

  it('reads vitest junit reports with ids that match its JSON reporter', () => {
    const run = parseFixture('vitest-junit.xml');
    expect(run.runner).toBe('vitest');
    expect(run.tests.map((t) => [t.id, t.outcome, t.durationMs])).toEqual([
      ['src/cart.test.ts::Cart::adds an item', 'passed', 1.234],
      ['src/cart.test.ts::Cart > discounts::applies a percentage', 'failed', 3.5],
      ['src/money.test.ts::::formats money', 'passed', 0.25],
    ]);
    expect(run.tests[1]?.failure).toMatchObject({
      message: 'expected 90 to be 85 // Object.is equality',
      type: 'AssertionError',
    });
  });

  it('reads node:test reports, whose tests outside a describe() sit directly under <testsuites>', () => {
    const run = parseJUnitXml(fixture('node-test.xml'), {
      source: 'node-test.xml',
      root: ROOT,
      runner: 'node-test',
    });
    expect(run.tests.map((t) => [t.id, t.outcome, t.durationMs])).toEqual([
      ['::test::runs', 'passed', 1.406],
      ['::test::is skipped', 'skipped', 0.152],
      ['::math > test::adds', 'passed', 0.917],
      ['::math > test::multiplies', 'passed', 0.195],
      ['::strings > test::greets', 'passed', 0.806],
      ['::strings > test::shouts', 'failed', 1.427],
    ]);
    expect(run.tests[5]?.failure).toMatchObject({
      message: expect.stringContaining('Expected values to be strictly equal'),
      type: 'testCodeFailure',
    });
    // No time on <testsuites>: the loose tests count with the suites.
    expect(run.durationMs).toBe(7.306);
  });

  it('reads loose test cases beside suites: no suite path, or their classname', () => {
    const run = parseJUnitXml(
      `<testsuites name="all" time="3">
        <testcase name="alone" time="1"/>
        <testcase classname="pkg.Loose" name="classed"><skipped/></testcase>
        <testcase name="in a file" file="/home/runner/work/shop/shop/test/a.test.js"><error message="boom"/></testcase>
        <testsuite name="S"><testcase name="inside" time="2"/></testsuite>
      </testsuites>`,
      { source: 'loose.xml', root: ROOT },
    );
    expect(run.tests.map((t) => [t.id, t.outcome])).toEqual([
      ['::::alone', 'passed'],
      ['::pkg.Loose::classed', 'skipped'],
      ['test/a.test.js::::in a file', 'errored'],
      ['::S::inside', 'passed'],
    ]);
    expect(run.tests[0]?.suite).toEqual([]);
    expect(run.durationMs).toBe(3000);
    expect(run.files).toEqual([{ file: 'test/a.test.js', durationMs: 0, outcome: 'errored' }]);
  });

  it('defaults missing attributes and walks nested suites', () => {
    const run = parseJUnitXml(
      `<testsuites>
        <testsuite name="outer">
          <testsuite name="inner" file="C:\\repo\\spec\\a.spec.js">
            <testcase name="works"/>
            <testcase><failure/></testcase>
          </testsuite>
        </testsuite>
      </testsuites>`,
      { source: 'r.xml', root: 'C:\\repo' },
    );
    expect(run.runner).toBe('junit');
    expect(run.durationMs).toBe(0);
    expect(run.tests).toEqual([
      {
        id: 'spec/a.spec.js::outer > inner::works',
        file: 'spec/a.spec.js',
        suite: ['outer', 'inner'],
        name: 'works',
        outcome: 'passed',
        durationMs: 0,
        attempts: 1,
        flakyPassed: false,
      },
      {
        id: 'spec/a.spec.js::outer > inner::(unnamed)',
        file: 'spec/a.spec.js',
        suite: ['outer', 'inner'],
        name: '(unnamed)',
        outcome: 'failed',
        durationMs: 0,
        failure: { message: 'failed' },
        attempts: 1,
        flakyPassed: false,
      },
    ]);
  });

  it('accepts a bare <testsuite> root and an empty <testsuites/>', () => {
    expect(parseJUnitXml('<testsuites/>', { source: 'empty.xml' }).tests).toEqual([]);
    const bare = parseJUnitXml(
      '<testsuite name="S" time="0.5"><testcase name="t" time="0,25"/></testsuite>',
      {
        source: 'bare.xml',
      },
    );
    expect(bare.durationMs).toBe(500);
    expect(bare.tests[0]).toMatchObject({ id: '::S::t', durationMs: 250 });
  });

  it('reports malformed XML with the file and line', () => {
    const xml = fixture('pytest.xml').replace('</testcase>\n    <testcase classname="tests.test_math"', '\n');
    const error = thrown(() => parseJUnitXml(xml, { source: 'reports/pytest.xml' }));
    expect(error.code).toBe('TEST_REPORT_INVALID');
    expect(error.message).toMatch(/^reports\/pytest\.xml:\d+:\d+: malformed XML: /);
    expect(error.hint).toContain('re-run');

    const unclosed = thrown(() =>
      parseJUnitXml(
        '<testsuites>\n  <testsuite name="a">\n    <testcase name="x">\n  </testsuite>\n</testsuites>',
        {
          source: 'broken.xml',
        },
      ),
    );
    expect(unclosed.message).toMatch(/^broken\.xml:4:\d+: malformed XML: .*testcase/);
  });

  it('refuses DOCTYPE declarations instead of expanding entities', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<testsuites><testsuite name="&lol2;"><testcase name="x"/></testsuite></testsuites>`;
    const error = thrown(() => parseJUnitXml(bomb, { source: 'bomb.xml' }));
    expect(error.code).toBe('TEST_REPORT_INVALID');
    expect(error.message).toMatch(/^bomb\.xml:2: .*DOCTYPE/);
  });

  it('rejects XML that is not a JUnit report', () => {
    const error = thrown(() => parseJUnitXml('<coverage/>', { source: 'cov.xml' }));
    expect(error.message).toContain('cov.xml: not a JUnit report');
  });

  it('parses a 5,000-test report', () => {
    const cases = Array.from(
      { length: 5000 },
      (_, i) =>
        `<testcase classname="pkg.Suite${i % 50}" name="test_${i}" time="0.001">${i % 100 === 0 ? '<failure message="boom"/>' : ''}</testcase>`,
    );
    const run = parseJUnitXml(
      `<testsuites><testsuite name="big">${cases.join('\n')}</testsuite></testsuites>`,
      {
        source: 'big.xml',
      },
    );
    expect(run.tests).toHaveLength(5000);
    expect(run.tests.filter((t) => t.outcome === 'failed')).toHaveLength(50);
    expect(new Set(run.tests.map((t) => t.id)).size).toBe(5000);
    expect(run.tests[4999]?.id).toBe('::big > pkg.Suite49::test_4999');
    expect(run.durationMs).toBe(5000);
  });
});

describe('parseSeconds', () => {
  it('reads seconds with dots, thousands separators and decimal commas', () => {
    expect(parseSeconds('0.0015')).toBe(1.5);
    expect(parseSeconds('1,204.5')).toBe(1_204_500);
    expect(parseSeconds('0,25')).toBe(250);
    expect(parseSeconds('')).toBeUndefined();
    expect(parseSeconds('n/a')).toBeUndefined();
    expect(parseSeconds('-1')).toBeUndefined();
    expect(parseSeconds(undefined)).toBeUndefined();
  });
});
