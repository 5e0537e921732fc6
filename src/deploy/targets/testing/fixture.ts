/** Temp repositories holding the fixture service, and cleanup of every instance a test started. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { localTarget } from '../local.js';
import type { InstanceRecord, InstanceSpec } from '../types.js';

export const FIXTURE_SERVER = join(import.meta.dirname, 'fixture-server.mjs');

export interface ServiceRepo {
  dir: string;
  /** `<repo>/.cara/deploy/api` */
  stateDir: string;
  /** Writes `files` (path -> text), commits everything and returns the sha. */
  commit(message: string, files?: Record<string, string>): string;
}

export interface TargetFixture {
  /** A git repository with server.mjs and a .gitignore written; the first `commit()` records them. */
  repo(): ServiceRepo;
  /** A plain folder holding server.mjs. */
  folder(): string;
  /** A temp folder removed after the test. */
  tempDir(): string;
  /** Stopped (SIGKILL after a short drain) after the test. */
  track(record: InstanceRecord): InstanceRecord;
  trackPid(pid: number): void;
}

export function useTargetFixture(): TargetFixture {
  const dirs: string[] = [];
  const records: InstanceRecord[] = [];
  const pids: number[] = [];
  afterEach(async () => {
    for (const pid of pids.splice(0)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await Promise.all(records.splice(0).map((record) => localTarget.stopInstance(record, { drainMs: 200 })));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'cara-target-'));
    dirs.push(dir);
    return dir;
  };
  return {
    tempDir,
    repo: () => {
      const dir = tempDir();
      const git = (...args: string[]) =>
        execFileSync('git', args, { cwd: dir, stdio: 'pipe', encoding: 'utf8' }).trim();
      git('init', '-q', '-b', 'main');
      git('config', 'user.email', 'dev@example.gov');
      git('config', 'user.name', 'Dev');
      const commit = (message: string, files: Record<string, string> = {}): string => {
        for (const [path, text] of Object.entries(files)) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), text);
        }
        git('add', '-A');
        git('commit', '-q', '--allow-empty', '-m', message);
        return git('rev-parse', 'HEAD');
      };
      copyFileSync(FIXTURE_SERVER, join(dir, 'server.mjs'));
      writeFileSync(join(dir, '.gitignore'), '.cara/\n');
      return { dir, stateDir: join(dir, '.cara', 'deploy', 'api'), commit };
    },
    folder: () => {
      const dir = tempDir();
      copyFileSync(FIXTURE_SERVER, join(dir, 'server.mjs'));
      return dir;
    },
    track: (record) => {
      records.push(record);
      return record;
    },
    trackPid: (pid) => {
      pids.push(pid);
    },
  };
}

/** A spec that runs the fixture server from `checkoutDir`, ready checks every 25 ms for up to 10 s. */
export function fixtureSpec(
  checkoutDir: string,
  stateDir: string,
  overrides: Partial<InstanceSpec> = {},
): InstanceSpec {
  return {
    service: 'api',
    version: 'v1',
    index: 0,
    checkoutDir,
    command: [process.execPath, 'server.mjs', '--dir={instanceDir}', '--port={port}'],
    stateDir,
    readiness: { path: '/readyz', timeoutMs: 10_000, intervalMs: 25 },
    ...overrides,
  };
}

export interface FixtureAnswer {
  service: string;
  version: string;
  index: number;
  instanceDir: string;
  pid: number;
  argv: string[];
  cwd: string;
  greeting: string | null;
}

/** GET `url` and parse the fixture's JSON answer. */
export function getJson(url: string): Promise<FixtureAnswer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve(JSON.parse(body) as FixtureAnswer));
      })
      .on('error', reject);
  });
}
