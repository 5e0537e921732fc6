import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { parseJestJson } from './jest-json.js';

const ROOT = '/home/runner/work/shop/shop';

function fixture(name: string): string {
  return readFileSync(new URL(`../../../test/fixtures/junit/${name}`, import.meta.url), 'utf8');
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

describe('parseJestJson', () => {
  it('reads jest --json output: ancestors, retries, pending and todo, suites that failed to run', () => {
    const run = parseJestJson(fixture('jest.json'), { source: 'jest.json', root: ROOT, runner: 'jest' });
    expect(run.runner).toBe('jest');
    expect(run.startedAt).toBe('2024-05-14T09:40:02.000Z');
    expect(run.durationMs).toBe(1422);
    expect(run.tests.map((t) => [t.id, t.outcome, t.durationMs, t.attempts, t.flakyPassed])).toEqual([
      ['src/cart.test.ts::Cart::adds an item', 'passed', 4, 1, false],
      ['src/cart.test.ts::Cart > discounts::applies a percentage', 'failed', 11, 1, false],
      ['src/cart.test.ts::Cart::syncs with the server', 'passed', 37, 2, true],
      ['src/cart.test.ts::Cart::exports csv', 'skipped', 0, 1, false],
      ['src/cart.test.ts::::supports gift cards', 'skipped', 0, 1, false],
    ]);
    const failed = run.tests[1];
    expect(failed?.suite).toEqual(['Cart', 'discounts']);
    expect(failed?.failure).toEqual({
      message: 'expect(received).toBe(expected) // Object.is equality\n\nExpected: 85\nReceived: 90',
      type: 'Error',
      stack:
        'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 85\nReceived: 90\n' +
        '    at Object.toBe (/home/runner/work/shop/shop/src/cart.test.ts:14:24)\n' +
        '    at Promise.then.completed (/home/runner/work/shop/shop/node_modules/jest-circus/build/utils.js:298:28)',
    });
    expect(run.tests[2]?.failure).toBeUndefined();
    expect(run.files).toEqual([
      { file: 'src/cart.test.ts', durationMs: 1322, outcome: 'failed' },
      { file: 'src/orders.test.ts', durationMs: 830, outcome: 'errored' },
    ]);
  });

  it('reads vitest --reporter=json output', () => {
    const run = parseJestJson(fixture('vitest.json'), {
      source: 'vitest.json',
      root: `${ROOT}/`,
      runner: 'vitest',
    });
    expect(run.runner).toBe('vitest');
    expect(run.durationMs).toBe(71.5);
    expect(run.tests.map((t) => [t.id, t.outcome, t.durationMs, t.attempts])).toEqual([
      ['src/cart.test.ts::Cart::adds an item', 'passed', 1.235, 1],
      ['src/cart.test.ts::Cart > discounts::applies a percentage', 'failed', 3.5, 1],
      ['src/cart.test.ts::Cart::exports csv', 'skipped', 0, 1],
      ['src/money.test.ts::::formats money', 'passed', 0.25, 1],
    ]);
    expect(run.tests[1]?.failure).toMatchObject({
      message: 'expected 90 to be 85 // Object.is equality',
      type: 'AssertionError',
    });
    expect(run.files).toEqual([
      { file: 'src/cart.test.ts', durationMs: 21.5, outcome: 'failed' },
      { file: 'src/money.test.ts', durationMs: 8, outcome: 'passed' },
    ]);
  });

  it('defaults missing fields instead of crashing', () => {
    const run = parseJestJson(
      JSON.stringify({
        testResults: [{ name: 'test/a.test.js', assertionResults: [{ status: 'weird' }, {}] }, 3],
      }),
      { source: 'x.json', root: '/repo', runner: 'jest' },
    );
    expect(run.durationMs).toBe(0);
    expect(run.startedAt).toBeUndefined();
    expect(run.tests.map((t) => [t.id, t.outcome])).toEqual([
      ['test/a.test.js::::(unnamed)', 'errored'],
      ['test/a.test.js::::(unnamed)', 'errored'],
    ]);
    expect(run.tests[0]?.failure).toEqual({ message: 'failed' });
  });

  it('reports malformed JSON with its line, column and offset', () => {
    const text = fixture('vitest.json');
    const cut = text.indexOf('"numPassedTests"');
    const broken = `${text.slice(0, cut)}"numPassedTests": ,${text.slice(cut + '"numPassedTests": 2,'.length)}`;
    const error = thrown(() =>
      parseJestJson(broken, { source: 'out/vitest.json', root: ROOT, runner: 'vitest' }),
    );
    expect(error.code).toBe('TEST_REPORT_INVALID');
    expect(error.message).toMatch(/^out\/vitest\.json:7:21 \(offset \d+\): malformed JSON: /);
    expect(error.message).toContain(`(offset ${cut + '"numPassedTests": '.length})`);
    expect(error.hint).toContain('re-run');

    const truncated = thrown(() =>
      parseJestJson('{"testResults": [', { source: 't.json', root: ROOT, runner: 'jest' }),
    );
    expect(truncated.message).toMatch(/^t\.json:1:18 \(offset 17\): malformed JSON/);
  });

  it('rejects JSON that is not a jest-style report', () => {
    const error = thrown(() =>
      parseJestJson('{"coverage": {}}', { source: 'c.json', root: ROOT, runner: 'vitest' }),
    );
    expect(error.message).toBe('c.json: not a vitest JSON report (no testResults array)');
    expect(error.hint).toContain('--reporter=json');
  });
});
