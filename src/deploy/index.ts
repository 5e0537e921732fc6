export * from './judge/index.js';
export * from './orchestrator/index.js';
export * from './proxy/index.js';
export * from './targets/index.js';
