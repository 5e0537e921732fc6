import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGitRepo, makeTempDir, runCara, type TempRepo } from '../support/cli.js';

let dirs: TempRepo[] = [];
afterEach(() => {
  for (const d of dirs) d.remove();
  dirs = [];
});
const repo = () => {
  const r = makeGitRepo();
  dirs.push(r);
  return r.dir;
};

describe('cara init', () => {
  it('sets up config, store, a 0600 signing key and the .gitignore entry, and the trail verifies', async () => {
    const dir = repo();
    const result = await runCara(['init', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as {
      created: string[];
      kept: string[];
      verifierKey: string;
      checkpoint: { size: number };
    };
    expect(out.created).toEqual(
      expect.arrayContaining(['cara.config.yaml', '.cara/', '.cara/signing-key.pem']),
    );
    expect(out.kept).toEqual([]);
    expect(out.checkpoint.size).toBe(2);
    expect(out.verifierKey).toMatch(/^cara\.local\/cara-e2e-[^+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/);
    expect(statSync(join(dir, '.cara/signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, '.cara')).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\.cara\/$/m);
    expect(readFileSync(join(dir, 'cara.config.yaml'), 'utf8')).toContain('# ');
    const log = await runCara(['audit', 'log', '--json'], { cwd: dir });
    expect((JSON.parse(log.stdout) as { type: string }[]).map((e) => e.type)).toEqual([
      'key.create',
      'config.init',
    ]);
    const verify = await runCara(['audit', 'verify'], { cwd: dir });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('verified: 2 events');
  });

  it('is idempotent: a second run keeps the config and key and adds no second .gitignore entry', async () => {
    const dir = repo();
    expect((await runCara(['init'], { cwd: dir })).code).toBe(0);
    const key = readFileSync(join(dir, '.cara/signing-key.pem'));
    writeFileSync(join(dir, 'cara.config.yaml'), 'audit:\n  environment: staging\n');
    const again = await runCara(['init'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('kept     cara.config.yaml (pass --force to replace it)');
    expect(readFileSync(join(dir, 'cara.config.yaml'), 'utf8')).toBe('audit:\n  environment: staging\n');
    expect(readFileSync(join(dir, '.cara/signing-key.pem')).equals(key)).toBe(true);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').match(/^\.cara\/$/gm)).toHaveLength(1);
    expect((await runCara(['audit', 'verify'], { cwd: dir })).code).toBe(0);
  });

  it('replaces an existing config only with --force', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'cara.config.yaml'), 'audit:\n  environment: staging\n');
    const forced = await runCara(['init', '--force'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'cara.config.yaml'), 'utf8')).not.toBe('audit:\n  environment: staging\n');
  });

  it('refuses to overwrite an invalid existing config and names the problem', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'cara.config.yaml'), 'audit:\n  enviroment: staging\n');
    const result = await runCara(['init'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cara.config.yaml:2:3');
    expect(result.stderr).toContain('environment');
  });

  it('outside a git repository says so and exits 2', async () => {
    const tmp = makeTempDir();
    dirs.push(tmp);
    const result = await runCara(['init'], { cwd: tmp.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not inside a git repository');
    expect(result.stderr).toContain('hint: run `git init` first');
  });

  it('works from a subdirectory and with -C', async () => {
    const dir = repo();
    const result = await runCara(['-C', dir, 'init', '--json'], { cwd: '/' });
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { root: string }).root).toBe(dir);
  });
});
