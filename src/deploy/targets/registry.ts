import { CaraError } from '../../core/errors.js';
import { localTarget } from './local.js';
import type { DeployTarget } from './types.js';

/** Known targets by name. A new target (kubernetes, cloud-run, ...) is one file plus one entry here. */
const TARGETS: Readonly<Record<string, () => DeployTarget>> = {
  local: () => localTarget,
};

/** Names `getTarget` accepts, sorted. */
export function targetNames(): string[] {
  return Object.keys(TARGETS).sort();
}

/** The deploy target called `name`; DEPLOY_CONFIG_INVALID listing the known ones otherwise. */
export function getTarget(name: string): DeployTarget {
  const factory = Object.hasOwn(TARGETS, name) ? TARGETS[name] : undefined;
  if (factory === undefined) {
    throw new CaraError('DEPLOY_CONFIG_INVALID', `unknown deploy target "${name}"`, {
      hint: `use one of: ${targetNames().join(', ')}`,
    });
  }
  return factory();
}
