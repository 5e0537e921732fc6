import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, type FixtureProject } from '../../../test/fixtures/runners/copy-fixture.js';
import { detectRunner, runnerRegistry } from './registry.js';
import { createVitestRunner } from './vitest.js';

const projects: FixtureProject[] = [];
afterEach(async () => {
  await Promise.all(projects.splice(0).map((project) => project.remove()));
});

async function emptyProject(packageJson: object): Promise<FixtureProject> {
  const root = await mkdtemp(path.join(tmpdir(), 'cara-runner-empty-'));
  await writeFile(path.join(root, 'package.json'), JSON.stringify(packageJson));
  const project = { root, remove: () => rm(root, { recursive: true, force: true }) };
  projects.push(project);
  return project;
}

describe('runner registry', () => {
  it('lists the runners in detection order', () => {
    expect([...runnerRegistry().keys()]).toEqual(['vitest', 'jest', 'mocha', 'node-test', 'junit']);
  });

  it('detects vitest, mocha and node:test in their fixtures', async () => {
    const vitest = await copyFixture('vitest-basic', { linkNodeModules: true });
    const mocha = await copyFixture('mocha-basic', { linkNodeModules: true });
    const nodeTest = await copyFixture('node-test-basic');
    projects.push(vitest, mocha, nodeTest);
    expect((await detectRunner(vitest.root)).name).toBe('vitest');
    expect((await detectRunner(mocha.root)).name).toBe('mocha');
    expect((await detectRunner(nodeTest.root)).name).toBe('node-test');
    expect((await detectRunner(nodeTest.root, 'node-test')).name).toBe('node-test');
  });

  it('rejects an unknown runner name, listing the known ones', async () => {
    const project = await emptyProject({});
    await expect(detectRunner(project.root, 'ava')).rejects.toMatchObject({
      code: 'RUNNER_UNKNOWN',
      message: expect.stringContaining('vitest, jest, mocha, node-test, junit'),
    });
  });

  it('says to install vitest when the project uses it without having it installed', async () => {
    const project = await emptyProject({ devDependencies: { vitest: '4.1.12' } });
    await expect(detectRunner(project.root)).rejects.toMatchObject({
      code: 'RUNNER_NOT_INSTALLED',
      hint: expect.stringContaining('npm install --save-dev vitest'),
    });
    await expect(createVitestRunner().run({ root: project.root })).rejects.toMatchObject({
      code: 'RUNNER_NOT_INSTALLED',
    });
    await expect(createVitestRunner().discover(project.root)).rejects.toMatchObject({
      code: 'RUNNER_NOT_INSTALLED',
    });
  });

  it('says to install mocha when the project uses it without having it installed', async () => {
    const project = await emptyProject({ devDependencies: { mocha: '12.0.3' } });
    await expect(detectRunner(project.root)).rejects.toMatchObject({
      code: 'RUNNER_NOT_INSTALLED',
      hint: expect.stringContaining('npm install --save-dev mocha'),
    });
    await expect(detectRunner(project.root, 'mocha')).rejects.toMatchObject({ code: 'RUNNER_NOT_INSTALLED' });
  });

  it('reports when no runner is found', async () => {
    const project = await emptyProject({ scripts: { test: 'echo none' } });
    await expect(detectRunner(project.root)).rejects.toMatchObject({ code: 'RUNNER_NOT_DETECTED' });
  });
});
