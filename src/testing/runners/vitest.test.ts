import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixture, type FixtureProject } from '../../../test/fixtures/runners/copy-fixture.js';
import type { TestRunResult } from '../results/index.js';
import { createVitestRunner } from './vitest.js';

function outcomes(result: TestRunResult): Record<string, string> {
  return Object.fromEntries(result.tests.map((test) => [test.id, test.outcome]));
}

describe('vitest runner', () => {
  let project: FixtureProject;
  beforeEach(async () => {
    project = await copyFixture('vitest-basic', { linkNodeModules: true });
  });
  afterEach(() => project.remove());

  it('detects vitest and discovers the test files with vitest list', async () => {
    const runner = createVitestRunner();
    expect(await runner.detect(project.root)).toBe(true);
    expect(await runner.discover(project.root)).toEqual([
      'test/math.spec.ts',
      'test/skipped.spec.ts',
      'test/strings.spec.ts',
    ]);
  });

  it('runs every test file and reports each test by id', async () => {
    const result = await createVitestRunner().run({ root: project.root });
    expect(result.runner).toBe('vitest');
    expect(outcomes(result)).toEqual({
      'test/math.spec.ts::math::adds': 'passed',
      'test/math.spec.ts::math::multiplies': 'passed',
      'test/skipped.spec.ts::::runs': 'passed',
      'test/skipped.spec.ts::::is skipped': 'skipped',
      'test/strings.spec.ts::strings::greets': 'passed',
      'test/strings.spec.ts::strings::shouts': 'failed',
    });
    const shouts = result.tests.find((test) => test.name === 'shouts');
    expect(shouts?.failure?.message).toContain('HELLO ADA');
    expect(Object.fromEntries(result.files.map((file) => [file.file, file.outcome]))).toEqual({
      'test/math.spec.ts': 'passed',
      'test/skipped.spec.ts': 'passed',
      'test/strings.spec.ts': 'failed',
    });
  });

  it('runs only the given file', async () => {
    let output = '';
    const result = await createVitestRunner().run({
      root: project.root,
      files: ['test/strings.spec.ts'],
      onOutput: (chunk) => {
        output += chunk;
      },
    });
    expect(result.files.map((file) => file.file)).toEqual(['test/strings.spec.ts']);
    expect(result.tests.map((test) => test.name).sort()).toEqual(['greets', 'shouts']);
    expect(output).toContain('JSON report written');
  });

  it('kills a hanging test file at the timeout, reports it errored and still reports the others', async () => {
    await writeFile(
      path.join(project.root, 'test/hang.spec.ts'),
      "import { it } from 'vitest';\n\nit('hangs', async () => {\n  await new Promise(() => {});\n}, 600_000);\n",
    );
    const started = Date.now();
    const result = await createVitestRunner().run({ root: project.root, timeoutMs: 6_000 });
    expect(Date.now() - started).toBeLessThan(75_000);
    const hung = result.files.find((file) => file.file === 'test/hang.spec.ts');
    expect(hung?.outcome).toBe('errored');
    const hungTest = result.tests.find((test) => test.file === 'test/hang.spec.ts');
    expect(hungTest?.failure?.message).toMatch(/did not finish within 6000 ms and was killed/);
    expect(outcomes(result)).toMatchObject({
      'test/math.spec.ts::math::adds': 'passed',
      'test/strings.spec.ts::strings::shouts': 'failed',
      'test/skipped.spec.ts::::is skipped': 'skipped',
    });
    expect(result.files).toHaveLength(4);
  }, 120_000);
});
