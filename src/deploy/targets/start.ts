import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CaraError, messageOf } from '../../core/errors.js';
import { logTail } from './log-tail.js';
import { expandPlaceholders, type PlaceholderValues } from './placeholders.js';
import { assertPortFree, freePort } from './ports.js';
import { probeUrl } from './probe.js';
import { processStartTime } from './process-state.js';
import { instanceCwd, instanceEnv, validateSpec } from './spec.js';
import { note, stopProcessGroup } from './stop.js';
import type { InstanceRecord, InstanceSpec, StartInstanceOptions } from './types.js';

/** What a started process depends on besides its spec. */
export interface StartContext {
  now: () => Date;
  /** The environment instances inherit underneath their own variables. */
  baseEnv: NodeJS.ProcessEnv;
}

/** How long a failed or aborted instance gets between SIGTERM and SIGKILL. */
const FAILED_DRAIN_MS = 1_000;

type Exit = { code: number | null; signal: NodeJS.Signals | null } | { error: Error };

/**
 * Starts one instance as a detached process group (it outlives cara) with stdout and stderr
 * appended to its log, and waits until its readiness path answers 2xx. An instance that exits,
 * stays unready past the timeout or is aborted is stopped and reported with its log tail.
 */
export async function startInstance(
  spec: InstanceSpec,
  options: StartInstanceOptions,
  context: StartContext,
): Promise<InstanceRecord> {
  validateSpec(spec);
  options.signal?.throwIfAborted();
  const cwd = instanceCwd(spec);
  const port = spec.port ? spec.port : await freePort();
  if (spec.port) await assertPortFree(port);
  const stateDir = resolve(spec.stateDir);
  const name = `${spec.version}-${spec.index}`;
  const instanceDir = join(stateDir, 'instances', name);
  const logFile = join(stateDir, 'logs', `${name}.log`);
  mkdirSync(instanceDir, { recursive: true });
  mkdirSync(dirname(logFile), { recursive: true });
  const values: PlaceholderValues = {
    port,
    instanceDir,
    version: spec.version,
    index: spec.index,
    service: spec.service,
    checkoutDir: resolve(spec.checkoutDir),
  };
  const argv = spec.command.map((arg) => expandPlaceholders(arg, values));
  const env = instanceEnv(spec, values, context.baseEnv);
  const label = `${spec.service} ${spec.version} #${spec.index}`;

  note(logFile, `starting ${label} on port ${port} in ${cwd}: ${JSON.stringify(argv)}`);
  const logStart = statSync(logFile).size;
  const startedAt = context.now().toISOString();
  let exit: Exit | undefined;
  const child = launch(argv, cwd, env, logFile);
  const exited = new Promise<void>((done) => {
    child.on('exit', (code, signal) => {
      exit ??= { code, signal };
      done();
    });
    child.on('error', (error) => {
      exit ??= { error };
      done();
    });
  });
  if (child.pid === undefined) {
    await exited;
    throw startFailed(label, exit, logFile, logStart);
  }
  const record: InstanceRecord = {
    service: spec.service,
    version: spec.version,
    index: spec.index,
    pid: child.pid,
    startTime: processStartTime(child.pid),
    port,
    url: `http://127.0.0.1:${port}`,
    instanceDir,
    logFile,
    startedAt,
  };
  const { path, timeoutMs, intervalMs } = spec.readiness;
  options.onProgress?.(`${label}: pid ${record.pid} on :${port}, waiting for ${path}`);

  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (exit !== undefined) throw startFailed(label, exit, logFile, logStart);
    if (options.signal?.aborted) {
      await stopProcessGroup(record, FAILED_DRAIN_MS);
      throw options.signal.reason;
    }
    const remaining = deadline - performance.now();
    // Each probe may take up to 2 s (a slow but ready service is ready); the poll interval is apart.
    const probeMs = Math.max(50, Math.min(remaining, 2_000));
    if (await probeUrl(`${record.url}${path}`, probeMs)) break;
    if (exit === undefined && performance.now() >= deadline) {
      const tail = logTail(logFile, logStart);
      await stopProcessGroup(record, FAILED_DRAIN_MS);
      throw notReady(label, record, spec, tail);
    }
    await pause(Math.min(intervalMs, deadline - performance.now()), exited, options.signal);
  }
  options.onProgress?.(`${label}: ready on ${record.url}`);
  return record;
}

/** Spawns `argv` as the leader of a new process group, output appended to `logFile`. */
function launch(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    const [command = '', ...args] = argv;
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
    child.unref();
    return child;
  } catch (error) {
    throw new CaraError('DEPLOY_START_FAILED', `cannot start ${JSON.stringify(argv)}: ${messageOf(error)}`, {
      cause: error,
      hint: 'check the command in the deploy configuration',
    });
  } finally {
    closeSync(fd);
  }
}

/** Waits `ms`, or less when the process exits or the start is aborted. */
function pause(ms: number, exited: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    const finish = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      done();
    };
    const timer = setTimeout(finish, Math.max(0, ms));
    signal?.addEventListener('abort', finish, { once: true });
    void exited.then(finish);
  });
}

function startFailed(label: string, exit: Exit | undefined, logFile: string, from: number): CaraError {
  if (exit !== undefined && 'error' in exit) {
    return new CaraError('DEPLOY_START_FAILED', `${label} could not be started: ${exit.error.message}`, {
      cause: exit.error,
      hint: 'check the command: the program must exist and be executable (a path relative to cwd, or on PATH)',
    });
  }
  const how =
    exit === undefined
      ? 'exited'
      : exit.signal !== null
        ? `was killed by ${exit.signal}`
        : `exited with exit code ${exit.code}`;
  const tail = logTail(logFile, from);
  return new CaraError(
    'DEPLOY_START_FAILED',
    `${label} ${how} before it was ready${logBlock(logFile, tail)}`,
    {
      hint: `read the full log: ${logFile}`,
    },
  );
}

function notReady(label: string, record: InstanceRecord, spec: InstanceSpec, tail: string): CaraError {
  const { path, timeoutMs } = spec.readiness;
  return new CaraError(
    'DEPLOY_NOT_READY',
    `${label} (pid ${record.pid}) did not answer GET ${path} with 2xx within ${timeoutMs} ms and was stopped${logBlock(record.logFile, tail)}`,
    {
      hint: `the service must listen on 127.0.0.1:$PORT (also given as {port}) and answer GET ${path} with 2xx; raise the readiness timeout if it needs longer to start`,
    },
  );
}

function logBlock(logFile: string, tail: string): string {
  return tail === '' ? ` (${logFile} is empty)` : `\n--- last lines of ${logFile} ---\n${tail}`;
}
