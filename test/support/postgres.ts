/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temp dir, start on a free
 * loopback port, stop and delete it afterwards. Durability is switched off because nothing survives.
 */
import { execFile, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { lookupEnv } from '../../src/core/env.js';

export interface ThrowawayPostgres {
  /** postgres://cara@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server and deletes its data dir; safe to call more than once, never throws. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Receives progress and cleanup warnings; warnings go to console.warn when absent. */
  log?: (line: string) => void;
}

const execFileAsync = promisify(execFile);
const DEBIAN_ROOT = '/usr/lib/postgresql';
const CLUSTER_USER = 'cara';
/** initdb refuses to run as root, so root runs the server as the Debian package's OS user. */
const OS_USER = 'postgres';
const START_ATTEMPTS = 3;
const READY_ATTEMPTS = 20;
const COMMAND_TIMEOUT_MS = 60_000;
const INSTALL_HINT = 'install the Debian package: apt-get install -y --no-install-recommends postgresql';

interface Cluster {
  binDir: string;
  dataDir: string;
  asPostgres: boolean;
}

/** Clusters started but not yet stopped, for the synchronous exit hook below. */
const running = new Set<Cluster>();
let exitHookInstalled = false;

/**
 * Finds initdb/pg_ctl: on PATH, else the highest /usr/lib/postgresql/<N>/bin (Debian keeps them off PATH).
 * Returns `{ missing }` with a reason when absent.
 */
export function findPostgresBinaries(): { binDir: string; version: number } | { missing: string } {
  for (const dir of [...pathDirs(), ...debianBinDirs()]) {
    const binDir = binDirFor(join(dir, 'initdb'));
    const version = binDir === undefined ? undefined : readVersion(binDir);
    if (binDir !== undefined && version !== undefined) return { binDir, version };
  }
  return { missing: `no initdb and pg_ctl on PATH or under ${DEBIAN_ROOT}/<N>/bin; ${INSTALL_HINT}` };
}

/** A reason string when PostgreSQL tests must be skipped (binaries absent), else undefined. */
export function postgresSkipReason(): string | undefined {
  const found = findPostgresBinaries();
  if ('missing' in found) return found.missing;
  if (!isRoot()) return undefined;
  if (spawnSync('id', ['-u', OS_USER]).status !== 0) {
    return `running as root, where initdb refuses to run, and there is no '${OS_USER}' OS user; ${INSTALL_HINT}`;
  }
  if (spawnSync('runuser', ['--version']).status !== 0) {
    return 'running as root and runuser (util-linux) is missing, so the server cannot run as postgres';
  }
  return undefined;
}

/**
 * Starts a fresh cluster: temp dir, initdb (trust auth, user `cara`, UTF8, C locale), pg_ctl start on
 * 127.0.0.1 and a free port, unix socket in the temp dir, fsync=off for speed; waits until it accepts
 * connections; returns the URL postgres://cara@127.0.0.1:PORT/postgres.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<ThrowawayPostgres> {
  const progress = options.log ?? (() => {});
  const warn = options.log ?? ((line: string) => console.warn(line));
  const found = findPostgresBinaries();
  if ('missing' in found) throw new Error(`Cannot start PostgreSQL: ${found.missing}`);
  const owner = isRoot() ? await osUser(OS_USER) : undefined;
  const dataDir = await mkdtemp(join(tmpdir(), 'cara-pg-'));
  const cluster: Cluster = { binDir: found.binDir, dataDir, asPostgres: owner !== undefined };
  running.add(cluster);
  installExitHook();
  try {
    // pg_ctl hands -o to /bin/sh, so the socket dir must not need quoting.
    if (!/^[\w./-]+$/.test(dataDir)) {
      throw new Error(`Temp dir ${dataDir} has characters pg_ctl cannot pass on; set TMPDIR to a plain path`);
    }
    if (owner !== undefined) await chown(dataDir, owner.uid, owner.gid);
    const started = Date.now();
    await run(cluster, 'initdb', [
      '-D',
      dataDir,
      '--auth=trust',
      `--username=${CLUSTER_USER}`,
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await startServer(cluster, progress);
    const url = `postgres://${CLUSTER_USER}@127.0.0.1:${port}/postgres`;
    await waitForConnections(url);
    progress(`PostgreSQL ${found.version} ready at ${url} in ${Date.now() - started} ms (${dataDir})`);
    let stopping: Promise<void> | undefined;
    return { url, port, dataDir, stop: () => (stopping ??= stopCluster(cluster, warn)) };
  } catch (error) {
    await stopCluster(cluster, warn);
    throw error;
  }
}

async function startServer(cluster: Cluster, log: (line: string) => void): Promise<number> {
  const logFile = join(cluster.dataDir, 'server.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const logBefore = await readLog(logFile);
    const settings = [
      '-c listen_addresses=127.0.0.1',
      `-p ${port}`,
      `-k ${cluster.dataDir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=50',
    ].join(' ');
    try {
      await run(cluster, 'pg_ctl', ['-D', cluster.dataDir, '-l', logFile, '-o', settings, '-w', 'start']);
      return port;
    } catch (error) {
      const serverLog = await readLog(logFile);
      const portTaken = /could not bind|already in use|could not create any TCP\/IP sockets/i.test(
        serverLog.slice(logBefore.length),
      );
      if (portTaken && attempt < START_ATTEMPTS) {
        log(`PostgreSQL port ${port} was taken before the server bound it; retrying on another port`);
        continue;
      }
      throw new Error(
        `pg_ctl start failed (attempt ${attempt}, port ${port}): ${errorText(error)}\n` +
          `--- tail of ${logFile} ---\n${tail(serverLog, 30)}`,
        { cause: error },
      );
    }
  }
}

async function waitForConnections(url: string): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < READY_ATTEMPTS; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100 * Math.min(attempt + 1, 5)));
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new Error(`PostgreSQL at ${url} did not accept connections: ${errorText(lastError)}`, {
    cause: lastError,
  });
}

async function stopCluster(cluster: Cluster, warn: (line: string) => void): Promise<void> {
  if (!running.delete(cluster)) return;
  if (existsSync(join(cluster.dataDir, 'postmaster.pid'))) {
    try {
      await run(cluster, 'pg_ctl', ['-D', cluster.dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch (error) {
      warn(`pg_ctl stop failed for ${cluster.dataDir}: ${errorText(error)}`);
    }
  }
  try {
    await rm(cluster.dataDir, { recursive: true, force: true });
  } catch (error) {
    warn(`could not remove ${cluster.dataDir}: ${errorText(error)}`);
  }
}

/** Best effort for clusters a crashed or forgetful test run never stopped; must stay synchronous. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const cluster of running) {
      try {
        const [file, args] = command(cluster, 'pg_ctl', ['-D', cluster.dataDir, '-m', 'immediate', 'stop']);
        spawnSync(file, args, { cwd: cluster.dataDir, stdio: 'ignore', timeout: 10_000 });
        rmSync(cluster.dataDir, { recursive: true, force: true });
      } catch {
        // Nothing useful can be reported while the process exits.
      }
    }
    running.clear();
  });
}

async function run(cluster: Cluster, tool: string, args: string[]): Promise<string> {
  const [file, argv] = command(cluster, tool, args);
  // cwd inside the cluster dir: the postgres user may not be able to read the caller's cwd.
  const { stdout } = await execFileAsync(file, argv, { cwd: cluster.dataDir, timeout: COMMAND_TIMEOUT_MS });
  return stdout;
}

function command(cluster: Cluster, tool: string, args: string[]): [string, string[]] {
  const binary = join(cluster.binDir, tool);
  return cluster.asPostgres ? ['runuser', ['-u', OS_USER, '--', binary, ...args]] : [binary, args];
}

async function osUser(name: string): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', name]).then((r) => Number.parseInt(r.stdout, 10)),
      execFileAsync('id', ['-g', name]).then((r) => Number.parseInt(r.stdout, 10)),
    ]);
    return { uid, gid };
  } catch (error) {
    throw new Error(
      `Running as root, where initdb refuses to run, and OS user '${name}' was not found; ${INSTALL_HINT}`,
      { cause: error },
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

function pathDirs(): string[] {
  return (lookupEnv('PATH') ?? '').split(delimiter).filter((dir) => dir !== '');
}

function debianBinDirs(): string[] {
  let entries: string[];
  try {
    entries = readdirSync(DEBIAN_ROOT);
  } catch {
    return [];
  }
  return entries
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((name) => join(DEBIAN_ROOT, name, 'bin'));
}

/** The directory holding both initdb and pg_ctl, following a symlinked initdb to its real home. */
function binDirFor(initdb: string): string | undefined {
  if (!isExecutable(initdb)) return undefined;
  const candidates = [dirname(realpathSync(initdb)), dirname(initdb)];
  return candidates.find((dir) => isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'pg_ctl')));
}

function readVersion(binDir: string): number | undefined {
  const result = spawnSync(join(binDir, 'initdb'), ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(result.stdout ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

async function readLog(file: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => '');
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n') || '(empty)';
}

/** execFile errors already carry the command and its stderr in the message. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message.trim() : String(error);
}
