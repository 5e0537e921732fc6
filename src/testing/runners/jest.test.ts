import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  copyFixture,
  type FixtureProject,
  repoNodeModules,
} from '../../../test/fixtures/runners/copy-fixture.js';
import { createJestRunner } from './jest.js';
import { detectRunner } from './registry.js';

const jestInstalled = existsSync(path.join(repoNodeModules, '.bin', 'jest'));
if (jestInstalled) {
  console.info('jest runner: skipping the "jest is missing" message check, since jest is installed here');
}
if (!jestInstalled) {
  console.info('jest runner: skipping the runs, node_modules/.bin/jest is not installed in this repository');
}

describe('jest runner', () => {
  let project: FixtureProject;
  beforeEach(async () => {
    project = await copyFixture('jest-basic', { linkNodeModules: true });
  });
  afterEach(() => project.remove());

  it('detects jest from package.json', async () => {
    expect(await createJestRunner().detect(project.root)).toBe(true);
  });

  it.skipIf(jestInstalled)('says to install jest when it is missing', async () => {
    await expect(detectRunner(project.root)).rejects.toMatchObject({
      code: 'RUNNER_NOT_INSTALLED',
      hint: expect.stringContaining('npm install --save-dev jest'),
    });
    await expect(createJestRunner().discover(project.root)).rejects.toMatchObject({
      code: 'RUNNER_NOT_INSTALLED',
    });
    await expect(createJestRunner().run({ root: project.root })).rejects.toMatchObject({
      code: 'RUNNER_NOT_INSTALLED',
    });
  });

  it.skipIf(!jestInstalled)('discovers and runs the fixture with jest', async () => {
    const runner = createJestRunner();
    expect(await runner.discover(project.root)).toEqual(['test/math.test.js']);
    const result = await runner.run({ root: project.root });
    expect(Object.fromEntries(result.tests.map((test) => [test.id, test.outcome]))).toEqual({
      'test/math.test.js::math::adds': 'passed',
      'test/math.test.js::math::multiplies badly': 'failed',
      'test/math.test.js::math::is skipped': 'skipped',
    });
  });
});
