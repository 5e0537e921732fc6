export * from './guard/index.js';
