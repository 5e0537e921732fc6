export * from './checks/index.js';
export * from './controls/index.js';
export * from './nepa/index.js';
export * from './report/index.js';
export * from './retention/index.js';
