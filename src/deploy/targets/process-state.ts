import { readdirSync, readFileSync } from 'node:fs';

const LINUX = process.platform === 'linux';

interface ProcStat {
  /** One letter: R, S, D, Z (zombie), T, ... */
  state: string;
  processGroup: number;
  /** Field 22: start time in clock ticks since boot. */
  startTime: string;
}

/** Fields of /proc/<pid>/stat, or undefined when there is no such process (or not on Linux). */
function readProcStat(pid: number): ProcStat | undefined {
  if (!LINUX) return undefined;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', processGroup: Number(fields[2]), startTime: fields[19] ?? '' };
}

/** The start time that identifies `pid` against reuse; null off Linux or when it is gone. */
export function processStartTime(pid: number): string | null {
  return readProcStat(pid)?.startTime ?? null;
}

/** Whether `pid` exists and can be signalled (EPERM means it exists but belongs to someone else). */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `alive`: still the process that was started; `gone`: exited (zombies too); `reused`: the pid is a later process. */
export type ProcessState = 'alive' | 'gone' | 'reused';

/** What became of the process started as `pid` at `startTime` (null: unknown, only the pid is checked). */
export function processState(pid: number, startTime: string | null): ProcessState {
  if (!Number.isInteger(pid) || pid <= 0 || !pidExists(pid)) return 'gone';
  const stat = readProcStat(pid);
  if (stat === undefined) return LINUX ? 'gone' : 'alive';
  if (startTime !== null && stat.startTime !== startTime) return 'reused';
  return stat.state === 'Z' ? 'gone' : 'alive';
}

/** Whether the process started as `pid` at `startTime` still runs; zombies and reused pids are dead. */
export function processAlive(pid: number, startTime: string | null): boolean {
  return processState(pid, startTime) === 'alive';
}

/** Whether any live (non-zombie) process is in process group `group`. */
export function groupAlive(group: number): boolean {
  if (!LINUX) return pidExists(-group);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat !== undefined && stat.processGroup === group && stat.state !== 'Z') return true;
  }
  return false;
}

/** Sends `signal` to process group `group`; false when the group no longer exists. */
export function signalGroup(group: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
