/** Picks the agent for AGENT_MODE. */
import type { AgentMode } from '../env.js';
import { createGuardedAgent } from './guarded.js';
import { createNaiveAgent } from './naive.js';
import type { Agent, AgentDeps } from './types.js';

/** Creates the naive (vulnerable on purpose) or guarded agent. */
export function createAgent(mode: AgentMode, deps: AgentDeps): Agent {
  return mode === 'naive' ? createNaiveAgent(deps) : createGuardedAgent(deps);
}
