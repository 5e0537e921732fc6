import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanHistory } from './history.js';
import { parseHistoryPatch } from './history-parser.js';
import { scanWorkingTree } from './working-tree.js';

const key = ['AKIA', 'Z7Q2HXWJ4MRT6PLK'].join('');
const token = ['ghp', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');

describe('parseHistoryPatch', () => {
  it('yields the added blocks with their commit, path and first line; +++ content is content', () => {
    const patch = [
      '\u001eaaa\u001f2026-01-01T00:00:00+00:00',
      '',
      'diff --git a/x.txt b/x.txt',
      '--- a/x.txt',
      '+++ b/x.txt',
      '@@ -2 +2,2 @@',
      '-old',
      '+++ new first',
      '+second',
      '\u001ebbb\u001f2026-01-02T00:00:00+00:00',
      '',
      'diff --git "a/sp ace\\303\\251.txt" "b/sp ace\\303\\251.txt"',
      '--- /dev/null',
      '+++ "b/sp ace\\303\\251.txt"',
      '@@ -0,0 +1 @@',
      '+only',
      '\\ No newline at end of file',
    ].join('\n');
    expect([...parseHistoryPatch(patch)]).toEqual([
      {
        commit: 'aaa',
        date: '2026-01-01T00:00:00+00:00',
        path: 'x.txt',
        startLine: 2,
        text: '++ new first\nsecond',
      },
      { commit: 'bbb', date: '2026-01-02T00:00:00+00:00', path: 'sp aceé.txt', startLine: 1, text: 'only' },
    ]);
  });
});

describe('scanHistory on a real repository', () => {
  let dir: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  let added: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cara-scan-history-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'dev@example.gov');
    git('config', 'user.name', 'Dev');
    writeFileSync(join(dir, 'README.md'), '# demo\n');
    git('add', '-A');
    git('commit', '-qm', 'initial');
    writeFileSync(join(dir, 'deploy.env'), `REGION=us-east-1\nAWS_ACCESS_KEY_ID=${key}\n`);
    writeFileSync(join(dir, 'ci.env'), `GITHUB_TOKEN=${token}\n`);
    git('add', '-A');
    git('commit', '-qm', 'add deploy settings');
    added = git('rev-parse', 'HEAD');
    unlinkSync(join(dir, 'deploy.env'));
    git('add', '-A');
    git('commit', '-qm', 'remove the key');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a key committed and later deleted, with the commit, date and path, not present at HEAD', async () => {
    const scan = await scanHistory(dir);
    expect(scan.commitsScanned).toBe(3);
    const aws = scan.findings.find((f) => f.ruleId === 'aws-access-key-id');
    expect(aws).toMatchObject({ path: 'deploy.env', line: 2, commit: added, presentAtHead: false });
    expect(aws?.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    const gh = scan.findings.find((f) => f.ruleId === 'github-token');
    expect(gh).toMatchObject({ path: 'ci.env', line: 1, commit: added, presentAtHead: true });
    expect(JSON.stringify(scan)).not.toContain(key);
  });

  it('the working-tree scan does not see the deleted key', async () => {
    const scan = await scanWorkingTree(dir);
    expect(scan.findings.map((f) => f.ruleId)).toEqual(['github-token']);
  });

  it('skips binary files and files over the size cap in the working tree, and lists them', async () => {
    writeFileSync(join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 3, ...Buffer.from(key)]));
    writeFileSync(join(dir, 'big.txt'), `${'a'.repeat(2048)}\n${key}\n`);
    const scan = await scanWorkingTree(dir, { maxFileBytes: 1024 });
    expect(scan.skipped).toEqual([
      { path: 'big.txt', reason: 'too-large' },
      { path: 'blob.bin', reason: 'binary' },
    ]);
    expect(scan.findings.map((f) => f.path)).toEqual(['ci.env']);
  });
});
