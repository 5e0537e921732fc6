export * from './guard/index.js';
export * from './redteam/index.js';
export * from './sarif/index.js';
export * from './scan/index.js';
