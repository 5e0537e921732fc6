import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixture, type FixtureProject } from '../../../test/fixtures/runners/copy-fixture.js';
import type { TestRunResult } from '../results/index.js';
import { createNodeTestRunner } from './node-test.js';

function outcomes(result: TestRunResult): Record<string, string> {
  return Object.fromEntries(result.tests.map((test) => [test.id, test.outcome]));
}

describe('node:test runner', () => {
  let project: FixtureProject;
  beforeEach(async () => {
    project = await copyFixture('node-test-basic');
  });
  afterEach(() => project.remove());

  it('detects node --test and discovers the files matching its default patterns', async () => {
    const runner = createNodeTestRunner();
    await writeFile(path.join(project.root, 'src/helper-test.js'), 'export {};\n');
    await writeFile(path.join(project.root, 'src/testing.js'), 'export {};\n');
    expect(await runner.detect(project.root)).toBe(true);
    expect(await runner.discover(project.root)).toEqual([
      'src/helper-test.js',
      'test/math.test.mjs',
      'test/skipped.test.mjs',
      'test/strings.test.mjs',
    ]);
  });

  it('runs every test file and reports each test by id', async () => {
    const result = await createNodeTestRunner().run({ root: project.root });
    expect(result.runner).toBe('node-test');
    expect(outcomes(result)).toEqual({
      'test/math.test.mjs::math::adds': 'passed',
      'test/math.test.mjs::math::multiplies': 'passed',
      'test/skipped.test.mjs::::runs': 'passed',
      'test/skipped.test.mjs::::is skipped': 'skipped',
      'test/strings.test.mjs::strings::greets': 'passed',
      'test/strings.test.mjs::strings::shouts': 'failed',
    });
    const shouts = result.tests.find((test) => test.name === 'shouts');
    expect(shouts?.failure?.message).toContain('HELLO ADA');
    expect(Object.fromEntries(result.files.map((file) => [file.file, file.outcome]))).toEqual({
      'test/math.test.mjs': 'passed',
      'test/skipped.test.mjs': 'passed',
      'test/strings.test.mjs': 'failed',
    });
  });

  it('runs only the given file', async () => {
    const result = await createNodeTestRunner().run({ root: project.root, files: ['test/math.test.mjs'] });
    expect(result.files.map((file) => file.file)).toEqual(['test/math.test.mjs']);
    expect(result.tests.map((test) => test.name).sort()).toEqual(['adds', 'multiplies']);
  });

  it('kills a hanging test file at the timeout, reports it errored and still reports the others', async () => {
    await writeFile(
      path.join(project.root, 'test/hang.test.mjs'),
      "import { it } from 'node:test';\n\nit('hangs', async () => {\n  setInterval(() => {}, 1_000);\n  await new Promise(() => {});\n});\n",
    );
    const started = Date.now();
    const result = await createNodeTestRunner().run({ root: project.root, timeoutMs: 3_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.files.find((file) => file.file === 'test/hang.test.mjs')?.outcome).toBe('errored');
    const hungTest = result.tests.find((test) => test.file === 'test/hang.test.mjs');
    expect(hungTest?.failure?.message).toMatch(/did not finish within 3000 ms and was killed/);
    expect(outcomes(result)).toMatchObject({
      'test/math.test.mjs::math::adds': 'passed',
      'test/strings.test.mjs::strings::shouts': 'failed',
      'test/skipped.test.mjs::::is skipped': 'skipped',
    });
    expect(result.files).toHaveLength(4);
  });
});
