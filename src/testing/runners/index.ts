export {
  type CaseDiscoveryError,
  type DiscoveredCase,
  discoverProjectCases,
  discoverTestCases,
  type ProjectCases,
} from './cases.js';
export { createJestRunner } from './jest.js';
export { createJUnitCommandRunner, type JUnitCommandOptions } from './junit-command.js';
export { createMochaRunner } from './mocha.js';
export { createNodeTestRunner } from './node-test.js';
export { detectRunner, runnerRegistry } from './registry.js';
export type { RunnerAdapter, RunnerName, RunOptions } from './types.js';
export { createVitestRunner } from './vitest.js';
