import { execFileSync } from 'node:child_process';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSarif } from '../../src/security/index.js';
import { makeGitRepo, projectRoot, runCara, type TempRepo } from '../support/cli.js';

/** Fake credentials, assembled here so the repository holds no secret-shaped literal. */
const awsKey = ['AKIA', 'Z7Q2HXWJ4MRT6PLK'].join('');
const awsSecret = ['wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYz9Xq3Lm2Tb'].join('');

describe('cara scan secrets', () => {
  let repo: TempRepo;
  let leakCommit: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.dir, encoding: 'utf8' }).trim();
  beforeAll(async () => {
    repo = makeGitRepo('cara-scan-');
    expect((await runCara(['init'], { cwd: repo.dir })).code).toBe(0);
    writeFileSync(
      join(repo.dir, 'deploy.env'),
      `AWS_ACCESS_KEY_ID=${awsKey}\naws_secret_access_key="${awsSecret}"\n`,
    );
    git('add', '-A');
    git('commit', '-qm', 'deploy settings');
    leakCommit = git('rev-parse', 'HEAD');
    unlinkSync(join(repo.dir, 'deploy.env'));
    git('commit', '-qam', 'remove credentials');
  });
  afterAll(() => repo?.remove());

  it('finds nothing in the work tree once the key is deleted', async () => {
    const result = await runCara(['scan', 'secrets'], { cwd: repo.dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/no secrets found/);
  });

  it('--history finds the deleted key with its commit, and never prints the secret', async () => {
    const result = await runCara(['scan', 'secrets', '--history', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ mode: 'history', failed: true, counts: { high: 1, critical: 1 } });
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'aws-access-key-id',
          path: 'deploy.env',
          line: 1,
          commit: leakCommit,
          presentAtHead: false,
        }),
        expect.objectContaining({ ruleId: 'aws-secret-access-key', line: 2, commit: leakCommit }),
      ]),
    );
    const table = await runCara(['scan', 'secrets', '--history'], { cwd: repo.dir });
    expect(table.stdout).toContain(leakCommit.slice(0, 12));
    for (const text of [result.stdout, table.stdout, table.stderr]) {
      expect(text).not.toContain(awsKey);
      expect(text).not.toContain(awsSecret);
    }
  });

  it('writes a valid SARIF file, honours an allowlist, and audits every run', async () => {
    const result = await runCara(
      ['scan', 'secrets', '--history', '--format', 'sarif', '--output', 'out.sarif'],
      {
        cwd: repo.dir,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/2 secret\(s\) in 3 commits.*sarif report written to .*out\.sarif/);
    const sarif = JSON.parse(readFileSync(join(repo.dir, 'out.sarif'), 'utf8'));
    expect(checkSarif(sarif)).toEqual([]);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('deploy.env');
    expect(JSON.stringify(sarif)).not.toContain(awsKey);

    const prints = JSON.parse(
      (await runCara(['scan', 'secrets', '--history', '--json'], { cwd: repo.dir })).stdout,
    ).findings.map((f: { fingerprint: string }) => `fingerprint:${f.fingerprint}`);
    writeFileSync(join(repo.dir, '.cara-secrets-allowlist'), `# reviewed: rotated\n${prints.join('\n')}\n`);
    const allowed = await runCara(['scan', 'secrets', '--history', '--json'], { cwd: repo.dir });
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ findings: [], allowed: 2 });

    const events = await runCara(['audit', 'log', '--type', 'scan.run', '--json'], { cwd: repo.dir });
    const list = JSON.parse(events.stdout) as { details: unknown; outcome: unknown }[];
    expect(list.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(list)).not.toContain(awsKey);
    expect((await runCara(['audit', 'verify'], { cwd: repo.dir })).code).toBe(0);
  });

  it('names a report path it cannot write, and rejects unknown options', async () => {
    const bad = await runCara(['scan', 'secrets', '--output', '/nonexistent-cara-dir/out.sarif'], {
      cwd: repo.dir,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\/nonexistent-cara-dir\/out\.sarif/);
    const format = await runCara(['scan', 'secrets', '--format', 'xml'], { cwd: repo.dir });
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format xml/);
  });
});

describe('cara scan deps', () => {
  let repo: TempRepo;
  const fixture = join(projectRoot, 'test/fixtures/scan/npm-audit-report.json');
  beforeAll(() => {
    repo = makeGitRepo('cara-scan-deps-');
    const dependencies = { minimist: '0.0.8' };
    writeFileSync(
      join(repo.dir, 'package.json'),
      JSON.stringify({ name: 'demo', version: '1.0.0', dependencies }),
    );
    const packages = {
      '': { name: 'demo', version: '1.0.0', dependencies },
      'node_modules/minimist': {
        version: '0.0.8',
        resolved: 'https://registry.npmjs.org/minimist/-/minimist-0.0.8.tgz',
      },
    };
    writeFileSync(
      join(repo.dir, 'package-lock.json'),
      JSON.stringify(
        { name: 'demo', version: '1.0.0', lockfileVersion: 3, requires: true, packages },
        null,
        2,
      ),
    );
  });
  afterAll(() => repo?.remove());

  it('reports an unreachable audit service as unavailable and exits 0', async () => {
    const env = { npm_config_registry: 'http://127.0.0.1:9/' };
    const result = await runCara(['scan', 'deps', '--json'], { cwd: repo.dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'unavailable', vulnerabilities: [] });
    const table = await runCara(['scan', 'deps'], { cwd: repo.dir, env });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/dependency audit unavailable: .*ECONNREFUSED/);
  });

  it('reads a saved report: by severity, exit 1 at high or above, SARIF located in the lockfile', async () => {
    const result = await runCara(['scan', 'deps', '--file', fixture], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/critical\s+minimist\s+<=0\.2\.3\s+GHSA-xvch-5gv4-984h/);
    expect(result.stdout).toMatch(/4 vulnerable package\(s\): 2 critical, 1 high, 0 medium, 1 low/);
    const relaxed = await runCara(['scan', 'deps', '--file', fixture, '--fail-on', 'none'], {
      cwd: repo.dir,
    });
    expect(relaxed.code).toBe(0);
    const sarif = await runCara(['scan', 'deps', '--file', fixture, '--format', 'sarif'], { cwd: repo.dir });
    const log = JSON.parse(sarif.stdout);
    expect(checkSarif(log)).toEqual([]);
    const first = log.runs[0].results[0];
    expect(first.ruleId).toBe('GHSA-xvch-5gv4-984h');
    expect(first.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'package-lock.json' },
      region: { startLine: expect.any(Number) },
    });
    expect(first.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
  });
});
