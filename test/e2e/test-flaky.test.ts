import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitAllAsRepo, makeTempDir, runCara, type TempRepo } from '../support/cli.js';

let repo: TempRepo;

beforeAll(async () => {
  repo = makeTempDir('cara-flaky-');
  const dir = repo.dir;
  mkdirSync(join(dir, 'test'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ type: 'module', scripts: { test: 'node --test' } }),
  );
  writeFileSync(join(dir, '.gitignore'), 'counter.txt\n');
  // The flaky test draws from a seeded generator whose state survives between runs in counter.txt.
  writeFileSync(
    join(dir, 'test/flaky.test.mjs'),
    `import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
const file = new URL('../counter.txt', import.meta.url);
const n = existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
writeFileSync(file, String(n + 1));
const draw = ((n + 1) * 2654435761) % 1000 / 1000;
test('sometimes times out', () => { assert.ok(draw >= 0.3, 'simulated race'); });
test('always passes', () => { assert.equal(1 + 1, 2); });
`,
  );
  writeFileSync(
    join(dir, 'test/broken.test.mjs'),
    `import assert from 'node:assert/strict';
import { test } from 'node:test';
test('is broken', () => { assert.equal(2 + 2, 5); });
`,
  );
  commitAllAsRepo(dir, 'tests');
  expect((await runCara(['init'], { cwd: dir })).code).toBe(0);
});
afterAll(() => repo?.remove());

describe('flaky detection over real runs', () => {
  it('classifies the random failer flaky and the always-failing test broken within 10 runs', async () => {
    for (let i = 0; i < 10; i++) {
      const run = await runCara(['test', 'run', '--all', '--retries', '1', '--json'], { cwd: repo.dir });
      expect(run.code).toBe(1); // the broken test fails every run
    }
    const verdicts = JSON.parse(
      (await runCara(['test', 'flaky', '--all', '--json'], { cwd: repo.dir })).stdout,
    ) as {
      testId: string;
      class: string;
      evidence: string[];
    }[];
    const byName = new Map(verdicts.map((v) => [v.testId.split('::').at(-1), v]));
    expect(byName.get('sometimes times out')?.class).toBe('flaky');
    expect(byName.get('sometimes times out')?.evidence.length).toBeGreaterThan(0);
    expect(byName.get('is broken')?.class).toBe('broken');
    expect(byName.get('always passes')?.class).toBe('stable');
  });
});
