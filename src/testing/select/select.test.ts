import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportGraph, type ImportGraph } from '../../change/index.js';
import type { ImpactMap } from '../impact/index.js';
import { FAILURE_FEATURES } from './features.js';
import type { FailureModel } from './model.js';
import { selectTests } from './select.js';
import type { ChangeInput, TestStats } from './types.js';

/** A barrel library: every test imports src/index.ts, which re-exports a.ts and b.ts. */
const FILES: Record<string, string> = {
  'package.json': '{"name":"barrel","type":"module"}',
  'src/index.ts': "export * from './a.js';\nexport * from './b.js';\n",
  'src/a.ts': 'export function a(n: number): number {\n  const twice = n * 2;\n  return twice + 1;\n}\n',
  'src/b.ts': 'export function b(n: number): number {\n  return n - 1;\n}\n\nexport const unusedB = 3;\n',
  'src/extra.ts': "import { a } from './index.js';\nexport const extra = a(1);\n",
  'test/a.test.ts': "import { a } from '../src/index.js';\nif (a(1) !== 3) throw new Error('a');\n",
  'test/b.test.ts': "import { b } from '../src/index.js';\nif (b(1) !== 0) throw new Error('b');\n",
  'test/extra.test.ts': "import { extra } from '../src/extra.js';\nif (extra !== 3) throw new Error('x');\n",
};
const TESTS = ['test/a.test.ts', 'test/b.test.ts', 'test/extra.test.ts'];

const IMPACT: ImpactMap = {
  commit: 'abc',
  createdAt: '2026-01-01T00:00:00Z',
  tests: {
    'test/a.test.ts': { 'src/index.ts': [[1, 2]], 'src/a.ts': [[1, 4]] },
    'test/b.test.ts': { 'src/index.ts': [[1, 2]], 'src/b.ts': [[1, 3]] },
    'test/extra.test.ts': {
      'src/index.ts': [[1, 2]],
      'src/extra.ts': [[1, 2]],
      'src/a.ts': [
        [1, 1],
        [3, 4],
      ],
    },
  },
};

function modified(path: string, changedLines?: [number, number][]): ChangeInput {
  return { files: [{ path, status: 'modified', ...(changedLines ? { changedLines } : {}) }] };
}

const files = (selection: { tests: { file: string }[] }) => selection.tests.map((test) => test.file).sort();

describe('selectTests on a barrel library', () => {
  let root: string;
  let graph: ImportGraph;
  const dependents = (changed: readonly string[]) => graph.dependentsClosure(changed);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cara-select-'));
    for (const [file, text] of Object.entries(FILES)) {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), text);
    }
    graph = await buildImportGraph({ root });
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('import closure alone selects every test for a change to a.ts', () => {
    const selection = selectTests({ change: modified('src/a.ts', [[2, 2]]), testFiles: TESTS, dependents });
    expect(files({ tests: selection.tests.filter((test) => test.mustRun) })).toEqual(TESTS);
    expect(selection.tests.every((test) => test.evidence[0]?.kind === 'import-closure')).toBe(true);
  });

  it('with the impact map, a change to lines of a.ts must-runs only the test covering them', () => {
    const selection = selectTests(
      { change: modified('src/a.ts', [[2, 2]]), testFiles: TESTS, impact: IMPACT, dependents },
      { max: 1 },
    );
    expect(files(selection)).toEqual(['test/a.test.ts']);
    const [first] = selection.tests;
    expect(first?.mustRun).toBe(true);
    expect(first?.evidence).toContainEqual({ kind: 'coverage', detail: 'covers src/a.ts line 2 changed' });
    expect(selection.skipped.map((test) => test.file).sort()).toEqual([
      'test/b.test.ts',
      'test/extra.test.ts',
    ]);
  });

  it('keeps must-run to the covering tests and says why the others are unlikely', () => {
    const selection = selectTests(
      { change: modified('src/a.ts', [[2, 2]]), testFiles: TESTS, impact: IMPACT, dependents },
      { confidence: 0.95 },
    );
    const mustRun = selection.tests.filter((test) => test.mustRun).map((test) => test.file);
    expect(mustRun).toEqual(['test/a.test.ts']);
    expect(selection.estimatedMissProbability).toBeLessThan(0.05);
    const b = selection.skipped.find((test) => test.file === 'test/b.test.ts');
    expect(b?.probability).toBeLessThan(0.01);
  });

  it('selects a test that runs other changed lines of the same file', () => {
    const selection = selectTests(
      { change: modified('src/a.ts', [[3, 3]]), testFiles: TESTS, impact: IMPACT, dependents },
      { confidence: 0.95 },
    );
    expect(files({ tests: selection.tests.filter((test) => test.mustRun) })).toEqual([
      'test/a.test.ts',
      'test/extra.test.ts',
    ]);
  });

  it('falls back to the import closure for a new file the map does not know', async () => {
    await writeFile(join(root, 'src/c.ts'), 'export const c = 1;\n');
    await writeFile(join(root, 'src/b.ts'), `${FILES['src/b.ts']}export { c } from './c.js';\n`);
    const rebuilt = await buildImportGraph({ root });
    const change: ChangeInput = {
      files: [
        { path: 'src/c.ts', status: 'added' },
        { path: 'src/b.ts', status: 'modified', changedLines: [[6, 6]] },
      ],
    };
    const selection = selectTests(
      { change, testFiles: TESTS, impact: IMPACT, dependents: (f) => rebuilt.dependentsClosure(f) },
      { max: 10 },
    );
    const mustRun = selection.tests.filter((test) => test.mustRun);
    expect(mustRun.map((test) => test.file).sort()).toEqual(TESTS);
    const a = mustRun.find((test) => test.file === 'test/a.test.ts');
    expect(a?.evidence.map((evidence) => evidence.detail)).toContain(
      'imports src/c.ts (distance 3); the impact map has no coverage of src/c.ts',
    );
    await writeFile(join(root, 'src/b.ts'), FILES['src/b.ts'] as string);
  });

  it('falls back to the import closure when no test covers the changed lines of a mapped file', () => {
    const selection = selectTests({
      change: modified('src/b.ts', [[5, 5]]),
      testFiles: TESTS,
      impact: IMPACT,
      dependents,
    });
    expect(files({ tests: selection.tests.filter((test) => test.mustRun) })).toEqual(TESTS);
    expect(selection.tests[0]?.evidence[0]?.detail).toMatch(
      /no test in the impact map covers its changed line 5/,
    );
  });

  it('selects every test when package-lock.json changes', () => {
    const selection = selectTests(
      { change: modified('package-lock.json'), testFiles: TESTS, impact: IMPACT, dependents },
      { max: 1 },
    );
    expect(selection.all).toBe(true);
    expect(files(selection)).toEqual(TESTS);
    expect(selection.reason).toBe('package-lock.json changed: every test runs');
    expect(selection.tests.every((test) => test.evidence.some((e) => e.kind === 'global-input'))).toBe(true);
  });

  it('matches configured global inputs instead of the defaults', () => {
    const change = modified('config/app.yaml');
    const selection = selectTests(
      { change, testFiles: TESTS, impact: IMPACT, dependents },
      { globalInputs: ['config/**'] },
    );
    expect(selection.all).toBe(true);
    const lock = selectTests(
      { change: modified('package-lock.json'), testFiles: TESTS, impact: IMPACT, dependents },
      { globalInputs: ['config/**'], max: 3 },
    );
    expect(lock.tests.some((test) => test.mustRun)).toBe(false);
  });

  it('selects a changed test file itself', () => {
    const selection = selectTests(
      { change: modified('test/b.test.ts', [[2, 2]]), testFiles: TESTS, impact: IMPACT, dependents },
      { max: 1 },
    );
    expect(files(selection)).toEqual(['test/b.test.ts']);
    expect(selection.tests[0]?.evidence).toContainEqual({
      kind: 'changed-test',
      detail: 'test/b.test.ts changed itself',
    });
  });

  it('compares the impact map with base-side lines when the change gives them', () => {
    // An insertion above line 2 moves the changed line to 5 in the new file; at the base it is line 2.
    const change: ChangeInput = {
      files: [{ path: 'src/a.ts', status: 'modified', changedLines: [[5, 5]], oldLines: [[2, 2]] }],
    };
    const selection = selectTests({ change, testFiles: TESTS, impact: IMPACT, dependents }, { max: 1 });
    expect(files(selection)).toEqual(['test/a.test.ts']);
    expect(selection.tests[0]?.evidence[0]?.detail).toBe('covers src/a.ts line 2 changed');
  });

  it('widens to the import closure and keeps the tests that failed after a failing selected run', () => {
    const change = modified('src/a.ts', [[2, 2]]);
    const plain = selectTests({ change, testFiles: TESTS, impact: IMPACT, dependents }, { confidence: 0.95 });
    expect(plain.tests.filter((test) => test.mustRun).map((test) => test.file)).toEqual(['test/a.test.ts']);
    const widened = selectTests(
      { change, testFiles: TESTS, impact: IMPACT, dependents },
      {
        confidence: 0.95,
        widen: { mode: 'closure', reason: 'run 1 failed', failedTests: ['test/b.test.ts'] },
      },
    );
    expect(files({ tests: widened.tests.filter((test) => test.mustRun) })).toEqual(TESTS);
    const b = widened.tests.find((test) => test.file === 'test/b.test.ts');
    expect(b?.evidence[0]).toEqual({
      kind: 'adaptation',
      detail: 'failed in the last run of this change (run 1 failed)',
    });
    const all = selectTests(
      { change, testFiles: TESTS, impact: IMPACT, dependents },
      { widen: { mode: 'all', reason: 'run 1 failed' } },
    );
    expect(all.all).toBe(true);
    expect(all.reason).toBe('every test runs: run 1 failed');
  });

  it('ranks with a learned model once it is usable, and records every test as an observation', () => {
    const change = modified('src/a.ts', [[2, 2]]);
    const base = selectTests({ change, testFiles: TESTS, impact: IMPACT, dependents }, { max: 1 });
    expect(base.ranking).toBe('structural');
    expect(base.observations.map((o) => [o.file, o.selected])).toEqual([
      ['test/a.test.ts', true],
      ['test/b.test.ts', false],
      ['test/extra.test.ts', false],
    ]);
    expect(base.observations[0]?.features).toHaveLength(FAILURE_FEATURES.length);
    // A model that has learned "changed tests fail, nothing else does" ranks b (changed) first among the rest.
    const coef = FAILURE_FEATURES.map((name) => (name === 'changedTest' ? 5 : 0));
    const model: FailureModel = {
      kind: 'test-failure',
      version: 1,
      features: [...FAILURE_FEATURES],
      mean: FAILURE_FEATURES.map(() => 0),
      scale: FAILURE_FEATURES.map(() => 1),
      intercept: -4,
      coef,
      rows: 1000,
      failures: 40,
      runs: 50,
      trainedAt: '2026-11-29T00:00:00Z',
      updates: 0,
    };
    const learned = selectTests(
      {
        change: { files: [...change.files, { path: 'test/b.test.ts', status: 'modified' }] },
        testFiles: TESTS,
        impact: IMPACT,
        dependents,
        model,
      },
      { confidence: 0.95 },
    );
    expect(learned.ranking).toBe('model');
    const b = learned.tests.find((test) => test.file === 'test/b.test.ts');
    expect(b?.probability).toBeCloseTo(1 / (1 + Math.exp(-1)), 5);
    expect(b?.evidence.some((e) => e.kind === 'model')).toBe(true);
    const thin = selectTests(
      { change, testFiles: TESTS, impact: IMPACT, dependents, model: { ...model, rows: 10 } },
      { max: 1 },
    );
    expect(thin.ranking).toBe('structural');
  });
});

describe('selectTests ranking and limits', () => {
  const tests = ['t/1.test.js', 't/2.test.js', 't/3.test.js', 't/4.test.js'];
  const closure = new Map([
    ['src/x.js', 0],
    ['t/1.test.js', 1],
    ['t/2.test.js', 2],
    ['t/3.test.js', 3],
  ]);
  const dependents = () => closure;
  const change = modified('src/x.js');
  const stat = (file: string, rate: number, ms: number, co = 0): TestStats => ({
    file,
    runs: 50,
    failures: Math.round(rate * 50),
    recentFailureRate: rate,
    medianDurationMs: ms,
    coFailure: co > 0 ? { 'src/x.js': co } : {},
  });

  it('orders by graph distance when history is thin', () => {
    const selection = selectTests({ change, testFiles: tests, dependents }, { confidence: 1 });
    expect(selection.tests.map((test) => test.file)).toEqual(tests);
    expect(selection.tests[0]?.evidence[0]?.detail).toBe(
      'imports src/x.js (distance 1); the impact map has no coverage for this test',
    );
    expect(selection.tests[3]?.mustRun).toBe(false);
    expect(selection.all).toBe(true);
  });

  it('puts a test that co-failed with the changed file first among the must-run', () => {
    const stats = [stat('t/1.test.js', 0, 100), stat('t/3.test.js', 0.1, 100, 4)];
    const selection = selectTests({ change, testFiles: tests, dependents, stats }, { confidence: 0.5 });
    expect(selection.tests[0]?.file).toBe('t/3.test.js');
    expect(selection.tests[0]?.evidence).toContainEqual({
      kind: 'history',
      detail: 'failed 4 times when src/x.js changed',
    });
  });

  it('adds tests beyond must-run until the miss probability is below 1 - confidence', () => {
    const stats = [stat('t/4.test.js', 0.3, 100)];
    const low = selectTests({ change, testFiles: tests, dependents, stats }, { confidence: 0.5 });
    expect(low.tests.map((test) => test.file)).not.toContain('t/4.test.js');
    expect(low.estimatedMissProbability).toBeGreaterThan(0.25);
    const high = selectTests({ change, testFiles: tests, dependents, stats }, { confidence: 0.9 });
    expect(high.tests.map((test) => test.file)).toContain('t/4.test.js');
    expect(high.tests.find((test) => test.file === 't/4.test.js')?.mustRun).toBe(false);
    expect(high.estimatedMissProbability).toBeLessThan(0.1);
  });

  it('keeps the best tests within the budget, must-run first', () => {
    const stats = tests.map((file) => stat(file, 0, 400));
    const selection = selectTests({ change, testFiles: tests, dependents, stats }, { budgetMs: 900 });
    expect(selection.tests.map((test) => test.file)).toEqual(['t/1.test.js', 't/2.test.js']);
    expect(selection.tests.reduce((sum, test) => sum + (test.estimatedMs ?? 0), 0)).toBeLessThanOrEqual(900);
    expect(selection.reason).toBe('the 900 ms budget left out 1 must-run test');
    expect(selection.all).toBe(false);
  });

  it('does not pad a large suite with unrelated tests to reach the confidence', () => {
    const unrelated = Array.from({ length: 500 }, (_, i) => `t/other-${String(i).padStart(3, '0')}.test.js`);
    const selection = selectTests(
      { change, testFiles: ['t/1.test.js', ...unrelated], dependents: () => new Map([['t/1.test.js', 1]]) },
      { confidence: 0.95 },
    );
    expect(selection.tests.map((test) => test.file)).toEqual(['t/1.test.js']);
    expect(selection.estimatedMissProbability).toBeCloseTo(0.01, 3);
  });

  it('caps the count with max', () => {
    const selection = selectTests({ change, testFiles: tests, dependents }, { max: 2 });
    expect(selection.tests.map((test) => test.file)).toEqual(['t/1.test.js', 't/2.test.js']);
    expect(selection.skipped.map((test) => test.file)).toEqual(['t/3.test.js', 't/4.test.js']);
  });

  it('raises probabilities for a risky change', () => {
    const calm = selectTests({ change, testFiles: tests, dependents }, { riskScore: 0.1, max: 1 });
    const risky = selectTests({ change, testFiles: tests, dependents }, { riskScore: 0.9, max: 1 });
    expect(risky.tests[0]?.probability).toBeGreaterThan(calm.tests[0]?.probability ?? 1);
  });

  it('selects everything for changed code when neither coverage nor a graph can explain it', () => {
    const selection = selectTests({ change, testFiles: tests }, { confidence: 0.5 });
    expect(selection.tests.every((test) => test.mustRun)).toBe(true);
    const docs = selectTests({ change: modified('README.md'), testFiles: tests }, { max: 4 });
    expect(docs.tests.some((test) => test.mustRun)).toBe(false);
  });

  it('rejects a confidence outside 0..1 with a usage error', () => {
    expect(() => selectTests({ change, testFiles: tests }, { confidence: 1.5 })).toThrow(/--confidence/);
  });
});
