export * from './flaky/index.js';
export * from './results/index.js';
export * from './shard/index.js';
