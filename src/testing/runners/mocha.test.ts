import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  copyFixture,
  type FixtureProject,
  repoNodeModules,
} from '../../../test/fixtures/runners/copy-fixture.js';
import type { TestRunResult } from '../results/index.js';
import { createMochaRunner } from './mocha.js';
import { detectRunner } from './registry.js';

const mochaInstalled = existsSync(path.join(repoNodeModules, '.bin', 'mocha'));
if (mochaInstalled) {
  console.info('mocha runner: skipping the "mocha is missing" message check, since mocha is installed here');
}
if (!mochaInstalled) {
  console.info(
    'mocha runner: skipping the runs, node_modules/.bin/mocha is not installed in this repository',
  );
}

function outcomes(result: TestRunResult): Record<string, string> {
  return Object.fromEntries(result.tests.map((test) => [test.id, test.outcome]));
}

describe('mocha runner', () => {
  let project: FixtureProject;
  const write = (file: string, text: string) => writeFile(path.join(project.root, file), text);
  beforeEach(async () => {
    project = await copyFixture('mocha-basic', { linkNodeModules: true });
  });
  afterEach(() => project.remove());

  it('detects mocha from package.json or a .mocharc file', async () => {
    const runner = createMochaRunner();
    expect(await runner.detect(project.root)).toBe(true);
    await write('package.json', '{"name": "plain"}');
    expect(await runner.detect(project.root)).toBe(true);
    await rm(path.join(project.root, '.mocharc.json'));
    expect(await runner.detect(project.root)).toBe(false);
    await write('.mocharc.yml', 'spec: test/**/*.test.js\n');
    expect(await runner.detect(project.root)).toBe(true);
  });

  it('discovers the files of the .mocharc spec, skipping files it does not match', async () => {
    expect(await createMochaRunner().discover(project.root)).toEqual([
      'test/math.test.js',
      'test/skipped.test.js',
      'test/strings.test.js',
    ]);
  });

  it("discovers mocha's default spec, ./test/*.{js,cjs,mjs}, without a configuration", async () => {
    await rm(path.join(project.root, '.mocharc.json'));
    await mkdir(path.join(project.root, 'test/nested'));
    await write('test/nested/deep.test.js', '');
    await write('test/readme.md', '# not a test\n');
    await write('test/.hidden.js', '');
    expect(await createMochaRunner().discover(project.root)).toEqual([
      'test/helpers.js',
      'test/math.test.js',
      'test/skipped.test.js',
      'test/strings.test.js',
    ]);
  });

  it('reads spec, extension, recursive and ignore from YAML, JSON with comments, JS and package.json', async () => {
    const runner = createMochaRunner();
    const configs = ['.mocharc.json', '.mocharc.jsonc', '.mocharc.yaml', '.mocharc.yml', '.mocharc.cjs'];
    const useConfig = async (name: string, text: string) => {
      await Promise.all(configs.map((config) => rm(path.join(project.root, config), { force: true })));
      await write(name, text);
    };
    await rm(path.join(project.root, '.mocharc.json'));
    await write('package.json', JSON.stringify({ type: 'module', mocha: { spec: 'test/strings.test.js' } }));
    expect(await runner.discover(project.root)).toEqual(['test/strings.test.js']);

    // A path without its extension gets one of the configured extensions, as mocha does.
    await useConfig('.mocharc.yaml', 'spec:\n  - test/math.test.js\n  - test/skipped.test\n');
    expect(await runner.discover(project.root)).toEqual(['test/math.test.js', 'test/skipped.test.js']);

    await useConfig(
      '.mocharc.jsonc',
      '{\n  // everything but the strings\n  "spec": "test", "ignore": ["test/strings.*", "test/helpers.js"] /* ok */\n}\n',
    );
    expect(await runner.discover(project.root)).toEqual(['test/math.test.js', 'test/skipped.test.js']);

    // Commas inside a spec glob are alternatives, not separate specs.
    await useConfig('.mocharc.yml', 'spec: test/{math,strings}.test.*\n');
    expect(await runner.discover(project.root)).toEqual(['test/math.test.js', 'test/strings.test.js']);

    await mkdir(path.join(project.root, 'test/unit'));
    await write('test/unit/deep.spec.mjs', '');
    await write('test/unit/deep.spec.ts', '');
    await useConfig(
      '.mocharc.json',
      '{ "spec": ["test"], "recursive": true, "extension": "mjs,ts", "ignore": "test/**/*.ts" }',
    );
    expect(await runner.discover(project.root)).toEqual(['test/unit/deep.spec.mjs']);

    await useConfig(
      '.mocharc.cjs',
      "module.exports = { spec: ['test/**/*.test.js'], ignore: 'test/math*' };\n",
    );
    expect(await runner.discover(project.root)).toEqual(['test/skipped.test.js', 'test/strings.test.js']);
  });

  it('names the configuration file when it cannot be read', async () => {
    await write('.mocharc.json', '{ "spec": ');
    await expect(createMochaRunner().discover(project.root)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('.mocharc.json'),
    });
    await write('.mocharc.js', "throw new Error('broken config');\n");
    await expect(createMochaRunner().discover(project.root)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/\.mocharc\.js: .*broken config/s),
    });
  });

  it.skipIf(mochaInstalled)('says to install mocha when it is missing', async () => {
    await expect(detectRunner(project.root)).rejects.toMatchObject({ code: 'RUNNER_NOT_INSTALLED' });
  });

  it.skipIf(!mochaInstalled)('runs every test file and reports each test with its suite path', async () => {
    let output = '';
    const result = await createMochaRunner().run({
      root: project.root,
      onOutput: (chunk) => {
        output += chunk;
      },
    });
    expect(result.runner).toBe('mocha');
    expect(outcomes(result)).toEqual({
      'test/math.test.js::math::adds': 'passed',
      'test/math.test.js::math > with negatives::multiplies': 'passed',
      'test/skipped.test.js::::runs': 'passed',
      'test/skipped.test.js::::is skipped': 'skipped',
      'test/strings.test.js::strings::greets': 'passed',
      'test/strings.test.js::strings::shouts': 'failed',
    });
    const shouts = result.tests.find((test) => test.name === 'shouts');
    expect(shouts?.failure).toMatchObject({
      message: expect.stringContaining("'HELLO ADA'"),
      type: 'AssertionError',
      stack: expect.stringContaining('strings.test.js:10'),
    });
    expect(result.tests.find((test) => test.name === 'multiplies')?.suite).toEqual([
      'math',
      'with negatives',
    ]);
    expect(Object.fromEntries(result.files.map((file) => [file.file, file.outcome]))).toEqual({
      'test/math.test.js': 'passed',
      'test/skipped.test.js': 'passed',
      'test/strings.test.js': 'failed',
    });
    expect(output).toContain('FAIL strings > shouts');
  });

  it.skipIf(!mochaInstalled)('runs only the given file although the .mocharc spec names others', async () => {
    const result = await createMochaRunner().run({ root: project.root, files: ['test/math.test.js'] });
    expect(result.files.map((file) => file.file)).toEqual(['test/math.test.js']);
    expect(result.tests.map((test) => test.name).sort()).toEqual(['adds', 'multiplies']);
  });

  it.skipIf(!mochaInstalled)(
    'reports failed hooks as errored and retried tests with their attempts',
    async () => {
      await write(
        'test/hooks.test.js',
        [
          "describe('db', () => {",
          "  before(() => { throw new Error('no database'); });",
          "  it('queries', () => {});",
          '});',
          'let calls = 0;',
          "it('passes on the second try', function () {",
          '  this.retries(2);',
          "  if (++calls < 2) throw new Error('first try');",
          '});',
          '',
        ].join('\n'),
      );
      const result = await createMochaRunner().run({ root: project.root, files: ['test/hooks.test.js'] });
      expect(result.tests).toHaveLength(2);
      const [retried, hook] = result.tests;
      expect(hook).toMatchObject({
        file: 'test/hooks.test.js',
        suite: ['db'],
        id: 'test/hooks.test.js::db::"before all" hook',
        outcome: 'errored',
        failure: { message: 'no database', type: 'Error' },
      });
      expect(retried).toMatchObject({
        id: 'test/hooks.test.js::::passes on the second try',
        outcome: 'passed',
        attempts: 2,
        flakyPassed: true,
      });
      expect(result.files).toEqual([
        { file: 'test/hooks.test.js', durationMs: expect.any(Number), outcome: 'errored' },
      ]);
    },
  );

  it.skipIf(!mochaInstalled)(
    'reports a file that does not load as errored and still runs the others',
    async () => {
      await write('test/broken.test.js', "describe('broken', () => {\n  it('never loads', () => {\n");
      const result = await createMochaRunner().run({ root: project.root });
      const broken = result.tests.find((test) => test.file === 'test/broken.test.js');
      expect(broken).toMatchObject({ name: '(file)', outcome: 'errored' });
      expect(broken?.failure?.stack).toMatch(/SyntaxError/);
      expect(outcomes(result)).toMatchObject({
        'test/math.test.js::math::adds': 'passed',
        'test/strings.test.js::strings::shouts': 'failed',
      });
      expect(result.files).toHaveLength(4);
    },
  );

  it.skipIf(!mochaInstalled)(
    'kills a hanging test file at the timeout, reports it errored and still reports the others',
    async () => {
      await write(
        'test/hang.test.js',
        "it('hangs', function () {\n  this.timeout(0);\n  setInterval(() => {}, 1_000);\n  return new Promise(() => {});\n});\n",
      );
      const started = Date.now();
      const result = await createMochaRunner().run({ root: project.root, timeoutMs: 3_000 });
      expect(Date.now() - started).toBeLessThan(40_000);
      expect(result.files.find((file) => file.file === 'test/hang.test.js')?.outcome).toBe('errored');
      const hungTest = result.tests.find((test) => test.file === 'test/hang.test.js');
      expect(hungTest?.failure?.message).toMatch(/did not finish within 3000 ms and was killed/);
      expect(outcomes(result)).toMatchObject({
        'test/math.test.js::math::adds': 'passed',
        'test/strings.test.js::strings::shouts': 'failed',
        'test/skipped.test.js::::is skipped': 'skipped',
      });
      expect(result.files).toHaveLength(4);
    },
    60_000,
  );
});
