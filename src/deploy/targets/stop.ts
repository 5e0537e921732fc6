import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CaraError } from '../../core/errors.js';
import { groupAlive, processState, signalGroup } from './process-state.js';
import type { InstanceRecord } from './types.js';

const POLL_MS = 25;
/** How long SIGKILL gets to take effect before we stop waiting. */
const KILL_WAIT_MS = 5_000;

/**
 * Stops an instance's process group: SIGTERM, up to `drainMs` for every process of the group to
 * exit, then SIGKILL. `graceful` is false when SIGKILL was needed. A gone instance is a graceful
 * stop; a pid now owned by a later process is left alone.
 */
export async function stopProcessGroup(
  record: Pick<InstanceRecord, 'pid' | 'startTime' | 'logFile'>,
  drainMs: number,
): Promise<{ graceful: boolean }> {
  const group = record.pid;
  const state = processState(group, record.startTime);
  if (state === 'reused') return { graceful: true };
  if (state === 'gone' && !groupAlive(group)) return { graceful: true };
  note(record.logFile, `SIGTERM to process group ${group}, ${drainMs} ms to exit`);
  if (!signal(group, 'SIGTERM')) return { graceful: true };
  if (await waitUntilGone(group, drainMs)) return { graceful: true };
  note(record.logFile, `process group ${group} still running after ${drainMs} ms: SIGKILL`);
  signal(group, 'SIGKILL');
  await waitUntilGone(group, KILL_WAIT_MS);
  return { graceful: false };
}

function signal(group: number, name: NodeJS.Signals): boolean {
  try {
    return signalGroup(group, name);
  } catch (error) {
    throw new CaraError('DEPLOY_STATE', `cannot send ${name} to process group ${group}: ${String(error)}`, {
      cause: error,
      hint: 'the instance belongs to another user; stop it as that user',
    });
  }
}

async function waitUntilGone(group: number, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (!groupAlive(group)) return true;
    if (performance.now() >= deadline) return false;
    await sleep(Math.min(POLL_MS, Math.max(1, deadline - performance.now())));
  }
}

/** Appends a `[cara]` line to the instance log, so the log tells why the process stopped. */
export function note(logFile: string, message: string): void {
  try {
    appendFileSync(logFile, `[cara] ${new Date().toISOString()} ${message}\n`);
  } catch {
    // The log folder may have been removed; the note is a courtesy, not a requirement.
  }
}
