import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, type FixtureProject } from '../fixtures/runners/copy-fixture.js';
import { commitAllAsRepo, runCara } from '../support/cli.js';

let project: FixtureProject;
let dir: string;

beforeAll(async () => {
  project = await copyFixture('vitest-basic', { linkNodeModules: true });
  dir = project.root;
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
  commitAllAsRepo(dir, 'fixture');
  expect((await runCara(['init'], { cwd: dir })).code).toBe(0);
});
afterAll(() => project?.remove());

interface RunJson {
  runner: string;
  summary: { total: number; counts: Record<string, number> };
  gate: { blockingFailures: string[]; quarantinedFailures: string[] };
  tests: { id: string; outcome: string; attempts: number; file: string }[];
}

describe('cara test on a vitest project', () => {
  let failing = '';

  it('run records the results and exits 1 for a real failure, after retrying it', async () => {
    const result = await runCara(['test', 'run', '--all', '--json'], { cwd: dir });
    const run = JSON.parse(result.stdout) as RunJson;
    expect(run.runner).toBe('vitest');
    expect(run.summary.total).toBeGreaterThanOrEqual(4);
    expect(run.gate.blockingFailures.length).toBe(1);
    failing = run.gate.blockingFailures[0] as string;
    expect(run.tests.find((t) => t.id === failing)).toMatchObject({ outcome: 'failed', attempts: 2 });
    expect(result.code).toBe(1);
  });

  it('a quarantined failure still runs and is reported, but does not fail the run', async () => {
    const add = await runCara(
      ['test', 'quarantine', 'add', failing, '--reason', 'TICKET-1: known bug', '--expires', '7'],
      { cwd: dir },
    );
    expect(add.code, add.stderr).toBe(0);
    const result = await runCara(['test', 'run', '--all', '--json'], { cwd: dir });
    const run = JSON.parse(result.stdout) as RunJson;
    expect(run.gate).toMatchObject({ blockingFailures: [], quarantinedFailures: [failing] });
    expect(result.code).toBe(0);
    const list = JSON.parse((await runCara(['test', 'quarantine', 'list', '--json'], { cwd: dir })).stdout);
    expect(list).toMatchObject([{ testId: failing, reason: 'TICKET-1: known bug', expired: false }]);
  });

  it('flaky lists the always-failing test with its evidence, never as flaky', async () => {
    const verdicts = JSON.parse(
      (await runCara(['test', 'flaky', '--all', '--json'], { cwd: dir })).stdout,
    ) as {
      testId: string;
      class: string;
      runs: number;
    }[];
    const v = verdicts.find((x) => x.testId === failing);
    expect(v?.runs).toBe(2);
    expect(v?.class).not.toBe('flaky');
    expect(verdicts.filter((x) => x.class === 'flaky')).toEqual([]);
  });

  it('shard splits the test files into balanced, disjoint shards and prints a matrix', async () => {
    const plan = JSON.parse(
      (await runCara(['test', 'shard', '--total', '2', '--json'], { cwd: dir })).stdout,
    ) as {
      shards: { items: string[] }[];
    };
    const all = plan.shards.flatMap((s) => s.items).sort();
    expect(all).toEqual(['test/math.spec.ts', 'test/skipped.spec.ts', 'test/strings.spec.ts']);
    const one = await runCara(['test', 'shard', '--total', '2', '--index', '1'], { cwd: dir });
    expect(one.stdout.trim().split('\n')).toEqual(plan.shards[1]?.items);
    const matrix = JSON.parse(
      (await runCara(['test', 'shard', '--total', '3', '--matrix'], { cwd: dir })).stdout,
    );
    expect(matrix.include).toHaveLength(3);
  });

  it('select: a lockfile change selects everything; a changed module selects its tests with evidence', async () => {
    const all = JSON.parse(
      (await runCara(['test', 'select', '--changed', 'package-lock.json', '--json'], { cwd: dir })).stdout,
    );
    expect(all.all).toBe(true);
    const some = await runCara(['test', 'select', '--changed', 'src/strings.ts', '--json'], { cwd: dir });
    expect(some.code, some.stderr).toBe(0);
    const selection = JSON.parse(some.stdout) as {
      tests: { file: string; mustRun: boolean; evidence: { kind: string }[] }[];
    };
    const strings = selection.tests.find((t) => t.file === 'test/strings.spec.ts');
    expect(strings?.mustRun).toBe(true);
    expect(strings?.evidence.map((e) => e.kind)).toContain('import-closure');
    const changedTest = JSON.parse(
      (await runCara(['test', 'select', '--changed', 'test/math.spec.ts', '--json'], { cwd: dir })).stdout,
    );
    expect(changedTest.tests[0]).toMatchObject({ file: 'test/math.spec.ts', mustRun: true });
  });

  it('every step is in the audit trail, which verifies', async () => {
    const log = JSON.parse(
      (await runCara(['audit', 'log', '--type', 'test.', '--json'], { cwd: dir })).stdout,
    ) as { type: string }[];
    expect(log.map((e) => e.type)).toEqual([
      'test.run',
      'test.quarantine',
      'test.run',
      'test.select',
      'test.select',
      'test.select',
    ]);
    expect((await runCara(['audit', 'verify'], { cwd: dir })).code).toBe(0);
  });
});

describe('cara test on a jest project', () => {
  let jest: FixtureProject;
  beforeAll(async () => {
    jest = await copyFixture('jest-basic', { linkNodeModules: true });
    writeFileSync(join(jest.root, '.gitignore'), 'node_modules\n');
    commitAllAsRepo(jest.root, 'fixture');
    expect((await runCara(['init'], { cwd: jest.root })).code).toBe(0);
  });
  afterAll(() => jest?.remove());

  it('runs with jest, records the results and exits 1 for the failing test', async () => {
    const result = await runCara(['test', 'run', '--all', '--json'], { cwd: jest.root });
    const run = JSON.parse(result.stdout) as RunJson;
    expect(run.runner).toBe('jest');
    expect(run.summary.counts).toMatchObject({ passed: 1, failed: 1, skipped: 1 });
    expect(run.gate.blockingFailures).toEqual(['test/math.test.js::math::multiplies badly']);
    expect(result.code).toBe(1);
  });

  it('selects through CommonJS requires, and everything for a global input', async () => {
    const some = JSON.parse(
      (await runCara(['test', 'select', '--changed', 'src/math.js', '--json'], { cwd: jest.root })).stdout,
    );
    expect(some.tests).toMatchObject([{ file: 'test/math.test.js', mustRun: true }]);
    const all = JSON.parse(
      (await runCara(['test', 'select', '--changed', 'jest.config.js', '--json'], { cwd: jest.root })).stdout,
    );
    expect(all.all).toBe(true);
  });
});

describe('cara test on a mocha project', () => {
  let mocha: FixtureProject;
  beforeAll(async () => {
    mocha = await copyFixture('mocha-basic', { linkNodeModules: true });
    writeFileSync(join(mocha.root, '.gitignore'), 'node_modules\n');
    commitAllAsRepo(mocha.root, 'fixture');
    expect((await runCara(['init'], { cwd: mocha.root })).code).toBe(0);
  });
  afterAll(() => mocha?.remove());

  it('runs with mocha, records nested suite paths, and exits 1 for the failing test', async () => {
    const result = await runCara(['test', 'run', '--all', '--json'], { cwd: mocha.root });
    const run = JSON.parse(result.stdout) as RunJson;
    expect(run.runner).toBe('mocha');
    expect(run.gate.blockingFailures).toEqual(['test/strings.test.js::strings::shouts']);
    expect(result.code).toBe(1);
  });

  it('lists the test cases statically with the same ids the runner reports', async () => {
    const result = await runCara(['test', 'list', '--cases', '--json'], { cwd: mocha.root });
    expect(result.code, result.stderr).toBe(0);
    const listing = JSON.parse(result.stdout) as { cases: { id: string }[]; files: string[] };
    const run = JSON.parse(
      (await runCara(['test', 'run', '--all', '--json'], { cwd: mocha.root })).stdout,
    ) as {
      tests: { id: string }[];
    };
    expect(listing.cases.map((c) => c.id).sort()).toEqual(run.tests.map((t) => t.id).sort());
  });

  it('collects a line-level impact map through the mocha adapter', async () => {
    const impact = await runCara(['test', 'impact', '--json'], { cwd: mocha.root });
    expect(impact.code, impact.stderr).toBe(0);
    expect(JSON.parse(impact.stdout)).toMatchObject({ runner: 'mocha', tests: 3, fileLevelOnly: 0 });
    const file = join(mocha.root, 'src/math.js');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('return a * b;', 'return a * b + 0;'));
    const selection = JSON.parse(
      (await runCara(['test', 'select', '--json'], { cwd: mocha.root })).stdout,
    ) as {
      tests: { file: string; mustRun: boolean }[];
    };
    writeFileSync(file, original);
    expect(selection.tests.filter((t) => t.mustRun).map((t) => t.file)).toEqual(['test/math.test.js']);
  });

  it('selects the test of a changed module', async () => {
    const some = JSON.parse(
      (await runCara(['test', 'select', '--changed', 'src/strings.js', '--json'], { cwd: mocha.root }))
        .stdout,
    ) as { tests: { file: string; mustRun: boolean }[] };
    expect(some.tests.filter((t) => t.mustRun).map((t) => t.file)).toContain('test/strings.test.js');
  });
});
