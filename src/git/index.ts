export { findRepoRoot, gitConfigValue } from './repo.js';
