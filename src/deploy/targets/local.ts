import { prepareVersion, removeVersion } from './prepare.js';
import { probeUrl } from './probe.js';
import { processAlive } from './process-state.js';
import { startInstance } from './start.js';
import { stopProcessGroup } from './stop.js';
import type { DeployTarget } from './types.js';

export interface LocalTargetOptions {
  now?: () => Date;
  /**
   * The environment instances inherit underneath their own variables; defaults to cara's own
   * environment, which a service needs (PATH, HOME, ...). This is the one place outside
   * core/env.ts that passes process.env on.
   */
  baseEnv?: NodeJS.ProcessEnv;
}

const DEFAULT_PROBE_MS = 2_000;

/** The `local` target: versions are git worktrees or folders, instances are detached OS processes. */
export function createLocalTarget(options: LocalTargetOptions = {}): DeployTarget {
  const context = { now: options.now ?? (() => new Date()), baseEnv: options.baseEnv ?? process.env };
  // Prepares run one at a time: two refs naming one commit would race on the same worktree folder.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    name: 'local',
    prepareVersion: (root, stateDir, source) => {
      const work = queue.then(() => prepareVersion(root, stateDir, source));
      queue = work.catch(() => undefined);
      return work;
    },
    startInstance: (spec, startOptions = {}) => startInstance(spec, startOptions, context),
    isAlive: (record) => processAlive(record.pid, record.startTime),
    probe: (record, path, timeoutMs = DEFAULT_PROBE_MS) => probeUrl(`${record.url}${path}`, timeoutMs),
    stopInstance: (record, { drainMs }) => stopProcessGroup(record, drainMs),
    removeVersion: (root, prepared) => removeVersion(root, prepared),
  };
}

/** The local target with cara's own clock and environment. */
export const localTarget: DeployTarget = createLocalTarget();
