import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixture, type FixtureProject } from '../../../test/fixtures/runners/copy-fixture.js';
import { createJUnitCommandRunner } from './junit-command.js';

describe('junit command runner', () => {
  let project: FixtureProject;
  beforeEach(async () => {
    project = await copyFixture('junit-command');
  });
  afterEach(() => project.remove());

  const runner = () =>
    createJUnitCommandRunner({
      command: [process.execPath, 'write-report.mjs'],
      reportGlob: 'reports/**/*.xml',
      testGlob: 'tests/test_*.py',
    });

  it('discovers files by the test glob', async () => {
    await mkdir(path.join(project.root, 'tests'));
    await writeFile(path.join(project.root, 'tests/test_a.py'), '');
    await writeFile(path.join(project.root, 'tests/helper.py'), '');
    expect(await runner().discover(project.root)).toEqual(['tests/test_a.py']);
  });

  it('runs the command and parses the reports it wrote, ignoring stale ones', async () => {
    const stale = path.join(project.root, 'reports/old/stale.xml');
    await mkdir(path.dirname(stale), { recursive: true });
    await writeFile(stale, '<testsuite name="old"><testcase classname="old.py" name="gone"/></testsuite>');
    await utimes(stale, new Date('2020-01-01'), new Date('2020-01-01'));

    const result = await runner().run({ root: project.root, files: ['test_ok.py', 'test_fail.py'] });
    expect(result.tests.map((test) => [test.id, test.outcome])).toEqual([
      ['test_ok.py::suite::check', 'passed'],
      ['test_fail.py::suite::check', 'failed'],
    ]);
    expect(result.tests[1]?.failure?.message).toBe('boom');
  });

  it('kills a hanging command and reports it errored', async () => {
    const result = await runner().run({ root: project.root, files: ['hang'], timeoutMs: 1_000 });
    expect(result.tests).toHaveLength(1);
    expect(result.tests[0]?.outcome).toBe('errored');
    expect(result.tests[0]?.failure?.message).toMatch(/did not finish within 1000 ms and was killed/);
  });

  it('needs a command', async () => {
    await expect(createJUnitCommandRunner().run({ root: project.root })).rejects.toMatchObject({
      code: 'USAGE',
    });
    expect(await createJUnitCommandRunner().detect(project.root)).toBe(false);
  });
});
