export * from './nepa/index.js';
