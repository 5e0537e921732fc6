/**
 * Runs the built `cara` binary the way users do, in temporary git repositories.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '../..');
export const caraBin = join(projectRoot, 'dist/cli/bin.js');

export interface CaraResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(caraBin))
    throw new Error(`${caraBin} is missing: run \`npm run build\` before the end-to-end tests`);
}

/** Environment for a child cara: no inherited CARA_* settings, a fixed actor, no colour. */
export function caraEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('CARA_')) env[k] = v;
  return { ...env, CARA_ACTOR: 'tester@example.gov', NO_COLOR: '1', ...extra };
}

export function runCara(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CaraResult> {
  assertBuilt();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [caraBin, ...args], {
      cwd: options.cwd,
      env: caraEnv(options.env),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

export interface TempRepo {
  dir: string;
  remove(): void;
}

/** A fresh git repository with one commit, in a temp folder. */
export function makeGitRepo(prefix = 'cara-e2e-'): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.gov');
  git('config', 'user.name', 'Dev');
  git('commit', '-q', '--allow-empty', '-m', 'initial');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function makeTempDir(prefix = 'cara-tmp-'): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Makes `dir` a git repository with everything in it committed once. */
export function commitAllAsRepo(dir: string, message = 'fixture'): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.gov');
  git('config', 'user.name', 'Dev');
  git('add', '-A');
  git('commit', '-qm', message);
}
