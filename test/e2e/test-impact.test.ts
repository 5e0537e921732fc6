import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, type FixtureProject } from '../fixtures/runners/copy-fixture.js';
import { commitAllAsRepo, runCara } from '../support/cli.js';

let project: FixtureProject;
let dir: string;

interface SelectionJson {
  all: boolean;
  tests: { file: string; mustRun: boolean; evidence: { kind: string; detail: string }[] }[];
}

beforeAll(async () => {
  project = await copyFixture('node-test-basic');
  dir = project.root;
  commitAllAsRepo(dir, 'fixture');
  expect((await runCara(['init'], { cwd: dir })).code).toBe(0);
});
afterAll(() => project?.remove());

describe('cara test impact + select on a barrel project', () => {
  it('without a map, a change to one module selects every test through the barrel', async () => {
    const result = await runCara(['test', 'select', '--changed', 'src/math.js', '--json'], { cwd: dir });
    const selection = JSON.parse(result.stdout) as SelectionJson;
    expect(
      selection.tests
        .filter((t) => t.mustRun)
        .map((t) => t.file)
        .sort(),
    ).toEqual(['test/math.test.mjs', 'test/skipped.test.mjs', 'test/strings.test.mjs']);
  });

  it('collects the impact map for every test file', async () => {
    const result = await runCara(['test', 'impact', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ runner: 'node-test', tests: 3, fileLevelOnly: 0 });
  });

  it('with the map, a seeded bug in multiply selects only the test that runs it, which then fails', async () => {
    const file = join(dir, 'src/math.js');
    writeFileSync(file, readFileSync(file, 'utf8').replace('return a * b;', 'return a * b + 1;'));
    const result = await runCara(['test', 'select', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const selection = JSON.parse(result.stdout) as SelectionJson;
    const must = selection.tests.filter((t) => t.mustRun);
    expect(must.map((t) => t.file)).toEqual(['test/math.test.mjs']);
    expect(must[0]?.evidence.map((e) => e.kind)).toContain('coverage');
    // With no option, `test run` runs the selection for the working tree's change.
    const run = await runCara(['test', 'run', '--retries', '0', '--json'], {
      cwd: dir,
    });
    expect(run.code).toBe(1);
    const ran = JSON.parse(run.stdout) as { scope: string; tests: { file: string }[] };
    expect(ran.scope).toBe('selected');
    expect([...new Set(ran.tests.map((t) => t.file))]).toEqual(['test/math.test.mjs']);
    expect(
      (JSON.parse(run.stdout) as { gate: { blockingFailures: string[] } }).gate.blockingFailures.join(),
    ).toContain('multiplies');
  });

  it('after that failing selected run, the next run of the same change widens to the import closure', async () => {
    const run = await runCara(['test', 'run', '--retries', '0', '--json'], { cwd: dir });
    expect(run.code).toBe(1);
    const ran = JSON.parse(run.stdout) as { widened?: string; tests: { file: string }[] };
    expect(ran.widened).toMatch(/last selected run of this change .* had 1 failing test file/);
    expect([...new Set(ran.tests.map((t) => t.file))].sort()).toEqual([
      'test/math.test.mjs',
      'test/skipped.test.mjs',
      'test/strings.test.mjs',
    ]);
  });

  it('learns a failure model from the recorded runs, and says when it is too thin to use', async () => {
    const result = await runCara(['test', 'learn', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const model = JSON.parse(result.stdout) as {
      rows: number;
      failures: number;
      runs: number;
      usable: boolean;
    };
    // math fails twice; strings.test.mjs has a test that always fails, seen when the selection widened.
    expect(model).toMatchObject({ runs: 2, failures: 3, usable: false });
    expect(model.rows).toBe(4);
    const text = await runCara(['test', 'learn'], { cwd: dir });
    expect(text.stdout).toMatch(/not used yet: selection keeps the structural estimate/);
  });

  it('drops coverage of files changed since the map was taken, and refreshes only stale entries', async () => {
    commitAllAsRepo(dir, 'bug committed');
    const file = join(dir, 'src/strings.js');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// touched\n`);
    const select = await runCara(['test', 'select', '--json'], { cwd: dir });
    expect(select.code, select.stderr).toBe(0);
    expect(select.stderr).toMatch(/impact map partly stale .*refresh with `cara test impact --stale`/);
    const refresh = await runCara(['test', 'impact', '--stale', '--json'], { cwd: dir });
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(JSON.parse(refresh.stdout)).toMatchObject({ tests: 3 });
    const again = await runCara(['test', 'select', '--json'], { cwd: dir });
    expect(again.stderr).not.toMatch(/stale/);
    const fresh = await runCara(['test', 'impact', '--stale'], { cwd: dir });
    expect(fresh.stdout).toMatch(/every entry is fresh/);
  });

  it('a run on a clean tree refreshes the stale entries of the tests it ran', async () => {
    commitAllAsRepo(dir, 'strings touched');
    const run = await runCara(['test', 'run', '--all', '--retries', '0', '--json'], { cwd: dir });
    const ran = JSON.parse(run.stdout) as { impactRefreshed?: number };
    expect(ran.impactRefreshed).toBeGreaterThan(0);
    const fresh = await runCara(['test', 'impact', '--stale'], { cwd: dir });
    expect(fresh.stdout).toMatch(/every entry is fresh/);
  });
});
