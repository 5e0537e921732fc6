export { createLocalTarget, type LocalTargetOptions, localTarget } from './local.js';
export { assertPortFree, freePort } from './ports.js';
export { processAlive } from './process-state.js';
export { getTarget, targetNames } from './registry.js';
export type {
  DeployTarget,
  InstanceRecord,
  InstanceSpec,
  PreparedVersion,
  ReadinessCheck,
  StartInstanceOptions,
  StopInstanceOptions,
  VersionSource,
} from './types.js';
