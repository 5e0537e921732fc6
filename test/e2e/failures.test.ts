import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo, projectRoot, runCara, type TempRepo } from '../support/cli.js';

const LOGS = join(projectRoot, 'test/fixtures/logs');

interface Cluster {
  signature: string;
  template: string;
  count: number;
  isNew: boolean;
  inAnalysis: number;
  tests: string[];
  frames: string[];
}

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}

function commit(dir: string, message: string): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('add', '-A');
  git('commit', '-qm', message);
  return git('rev-parse', 'HEAD').trim();
}

describe('cara failures analyze + clusters on CI logs', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = makeGitRepo('cara-failures-');
    // The repository the logs came from, so stack frames map onto its files.
    const stub = 'export {};\n';
    write(repo.dir, {
      'src/api/client.ts': stub,
      'src/api/client.test.ts': stub,
      'src/orders/discount.test.ts': stub,
      'src/db/migrate.ts': stub,
      'src/db/migrate.test.ts': stub,
      'src/auth/session.ts': stub,
      'src/auth/session.test.ts': stub,
    });
    commit(repo.dir, 'shop');
    for (const n of [1, 2, 3]) copyFileSync(join(LOGS, `ci-run-${n}.log`), join(repo.dir, `ci-run-${n}.log`));
    expect((await runCara(['init'], { cwd: repo.dir })).code).toBe(0);
  });
  afterAll(() => repo?.remove());

  it('three distinct failures repeated across two runs make exactly three clusters', async () => {
    const first = await runCara(['failures', 'analyze', 'ci-run-1.log', '--json'], { cwd: repo.dir });
    expect(first.code, first.stderr).toBe(0);
    const one = JSON.parse(first.stdout) as { failures: number; clusters: Cluster[]; newClusters: number };
    expect(one.failures).toBe(3);
    expect(one.newClusters).toBe(3);
    const second = await runCara(['failures', 'analyze', 'ci-run-2.log', '--json'], { cwd: repo.dir });
    const two = JSON.parse(second.stdout) as { clusters: Cluster[]; newClusters: number };
    expect(two.newClusters).toBe(0);
    expect(two.clusters.map((c) => c.signature).sort()).toEqual(one.clusters.map((c) => c.signature).sort());
    const all = JSON.parse(
      (await runCara(['failures', 'clusters', '--json'], { cwd: repo.dir })).stdout,
    ) as Cluster[];
    expect(all).toHaveLength(3);
    expect(all.every((c) => c.count === 2)).toBe(true);
    const refused = all.find((c) => c.template.includes('ECONNREFUSED'));
    expect(refused?.template).toMatch(/ECONNREFUSED <\*>/);
    expect(refused?.frames[0]).toBe('src/api/client.ts:41');
    expect(refused?.tests).toEqual(['src/api/client.test.ts::client::retries a timed out request']);
  });

  it('a fourth, new failure is flagged new; the old three are not', async () => {
    const third = await runCara(['failures', 'analyze', 'ci-run-3.log'], { cwd: repo.dir });
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toMatch(/4 failures in 4 clusters \(1 new\)/);
    const json = JSON.parse(
      (await runCara(['failures', 'analyze', 'ci-run-3.log', '--json'], { cwd: repo.dir })).stdout,
    ) as { clusters: Cluster[] };
    expect(json.clusters.filter((c) => c.isNew)).toEqual([]);
    const all = JSON.parse(
      (await runCara(['failures', 'clusters', '--json'], { cwd: repo.dir })).stdout,
    ) as Cluster[];
    expect(all).toHaveLength(4);
    const session = all.find((c) => c.template.includes('Invalid time value'));
    expect(session?.count).toBe(2);
    expect(third.stdout).toMatch(/NEW\s+1x\s+\w+\s+RangeError: Invalid time value/);
  });

  it('says what it skipped in a binary or unreadable log, and names a missing file', async () => {
    writeFileSync(
      join(repo.dir, 'mixed.log'),
      Buffer.concat([Buffer.from('Error: boom\n'), Buffer.from([0, 1, 2, 0, 10])]),
    );
    const mixed = await runCara(['failures', 'analyze', 'mixed.log'], { cwd: repo.dir });
    expect(mixed.code, mixed.stderr).toBe(0);
    expect(mixed.stderr).toMatch(/binary/);
    const missing = await runCara(['failures', 'analyze', 'nope.log'], { cwd: repo.dir });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/nope\.log/);
  });

  it('every analysis is in the audit trail, which verifies', async () => {
    const events = await runCara(['audit', 'log', '--type', 'failure.analyze', '--json'], {
      cwd: repo.dir,
    });
    expect(events.code, events.stderr).toBe(0);
    expect((JSON.parse(events.stdout) as unknown[]).length).toBeGreaterThanOrEqual(4);
    expect((await runCara(['audit', 'verify'], { cwd: repo.dir })).code).toBe(0);
  });
});

describe('cara failures suspects on a repository where one commit breaks a function', () => {
  let repo: TempRepo;
  let culprit: string;
  beforeAll(async () => {
    repo = makeGitRepo('cara-suspects-');
    write(repo.dir, {
      'package.json': '{"name":"calc","type":"module","scripts":{"test":"node --test"}}\n',
      '.gitignore': '.cara/\n',
      'src/index.js': "export { add, multiply } from './math.js';\nexport { greet } from './strings.js';\n",
      'src/math.js':
        'export function add(a, b) {\n  return a + b;\n}\n\nexport function multiply(a, b) {\n  return a * b;\n}\n',
      'src/strings.js': "export function greet(name) {\n  return 'hello ' + name;\n}\n",
      'test/math.test.mjs':
        "import assert from 'node:assert/strict';\nimport { it } from 'node:test';\nimport { add, multiply } from '../src/index.js';\n\nit('adds', () => assert.equal(add(2, 3), 5));\nit('multiplies', () => assert.equal(multiply(2, { value: 3 }.value), 6));\n",
      'test/strings.test.mjs':
        "import assert from 'node:assert/strict';\nimport { it } from 'node:test';\nimport { greet } from '../src/index.js';\n\nit('greets', () => assert.equal(greet('ada'), 'hello ada'));\n",
    });
    commit(repo.dir, 'calculator');
    expect((await runCara(['init'], { cwd: repo.dir })).code).toBe(0);
    const green = await runCara(['test', 'run', '--all'], { cwd: repo.dir });
    expect(green.code, green.stdout + green.stderr).toBe(0);
    expect((await runCara(['test', 'impact'], { cwd: repo.dir })).code).toBe(0);
    write(repo.dir, {
      'src/strings.js':
        "export function greet(name) {\n  return 'hello ' + name;\n}\n\nexport function shout(name) {\n  return greet(name).toUpperCase();\n}\n",
    });
    commit(repo.dir, 'strings: add shout');
    write(repo.dir, {
      'src/math.js':
        'export function add(a, b) {\n  return a + b;\n}\n\nexport function multiply(a, b) {\n  return a * b.value.times;\n}\n',
    });
    culprit = commit(repo.dir, 'math: support wrapped factors');
    write(repo.dir, { 'README.md': '# calc\n' });
    commit(repo.dir, 'docs: readme');
    const red = await runCara(['test', 'run', '--all', '--retries', '0'], { cwd: repo.dir });
    expect(red.code).toBe(1);
    // The failing run says at once what kind of failure it is, and that it is new.
    expect(red.stdout).toMatch(/failure analysis: 1 cluster, 1 new/);
  });
  afterAll(() => repo?.remove());

  it('ranks the breaking commit and file first, with the evidence', async () => {
    const result = await runCara(['failures', 'suspects', '--json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    const ranking = JSON.parse(result.stdout) as {
      candidates: number;
      commits: { sha: string; evidence: string[] }[];
      suspects: { sha: string; file: string; evidence: string[] }[];
    };
    expect(ranking.candidates).toBe(3);
    expect(ranking.commits[0]?.sha).toBe(culprit);
    expect(ranking.suspects[0]).toMatchObject({ sha: culprit, file: 'src/math.js' });
    expect(ranking.suspects[0]?.evidence.join('\n')).toMatch(/src\/math\.js:6 is a line this commit changed/);
    const text = await runCara(['failures', 'suspects'], { cwd: repo.dir });
    expect(text.stdout).toMatch(/1\. [0-9a-f]{12} {2}math: support wrapped factors/);
  });

  it('analyzes the failing run itself into a cluster', async () => {
    const result = await runCara(['failures', 'analyze', '--json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    const analysis = JSON.parse(result.stdout) as { failures: number; clusters: Cluster[] };
    expect(analysis.failures).toBe(1);
    expect(analysis.clusters[0]?.template).toMatch(/^Cannot read properties of .* \(reading 'times'\)$/);
    expect(analysis.clusters[0]?.frames[0]).toBe('src/math.js:6');
  });
});
