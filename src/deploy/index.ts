export * from './judge/index.js';
export * from './proxy/index.js';
