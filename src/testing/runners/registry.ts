import { CaraError } from '../../core/errors.js';
import { createJestRunner } from './jest.js';
import { createJUnitCommandRunner } from './junit-command.js';
import { createMochaRunner } from './mocha.js';
import { createNodeTestRunner } from './node-test.js';
import { findBinary } from './project.js';
import type { RunnerAdapter } from './types.js';
import { createVitestRunner } from './vitest.js';

/** The known runners by name, in detection order. Adding a runner is adding a file and a line here. */
export function runnerRegistry(): Map<string, () => RunnerAdapter> {
  return new Map<string, () => RunnerAdapter>([
    ['vitest', createVitestRunner],
    ['jest', createJestRunner],
    ['mocha', createMochaRunner],
    ['node-test', createNodeTestRunner],
    // Needs a command and report glob from the configuration; unconfigured, it is never detected.
    ['junit', () => createJUnitCommandRunner()],
  ]);
}

/** The binary each runner needs in node_modules/.bin, and the package that provides it. */
const BINARIES: Record<string, string> = { vitest: 'vitest', jest: 'jest', mocha: 'mocha' };

/**
 * The runner to use for the project at root: `preferred` when given, else the first one detected.
 * Throws RUNNER_UNKNOWN, RUNNER_NOT_INSTALLED or RUNNER_NOT_DETECTED with what to do next.
 */
export async function detectRunner(
  root: string,
  preferred?: string,
  registry: Map<string, () => RunnerAdapter> = runnerRegistry(),
): Promise<RunnerAdapter> {
  if (preferred !== undefined) {
    const factory = registry.get(preferred);
    if (factory === undefined) {
      const known = [...registry.keys()].join(', ');
      throw new CaraError('RUNNER_UNKNOWN', `Unknown test runner "${preferred}"; known runners: ${known}`, {
        hint: `Use one of: ${known}.`,
      });
    }
    const adapter = factory();
    await requireInstalled(root, adapter);
    return adapter;
  }
  for (const factory of registry.values()) {
    const adapter = factory();
    if (await adapter.detect(root)) {
      await requireInstalled(root, adapter);
      return adapter;
    }
  }
  throw new CaraError('RUNNER_NOT_DETECTED', `No known test runner found in ${root}`, {
    hint: `Add one of ${[...registry.keys()].join(', ')} to package.json, or name the runner explicitly.`,
  });
}

async function requireInstalled(root: string, adapter: RunnerAdapter): Promise<void> {
  const binary = BINARIES[adapter.name];
  if (binary === undefined || (await findBinary(root, binary)) !== undefined) return;
  throw new CaraError(
    'RUNNER_NOT_INSTALLED',
    `${adapter.name} is used in ${root} but not installed (no node_modules/.bin/${binary})`,
    { hint: `Install it in the project: npm install --save-dev ${binary}` },
  );
}
