export { maskToken, WILDCARD } from './mask.js';
export { type MatchResult, type MinedTemplate, TemplateMiner } from './miner.js';
export { type ClusterState, emptyState, type MinerState, STATE_VERSION, validateState } from './state.js';
export { MAX_TOKENS, tokenize } from './tokenize.js';
