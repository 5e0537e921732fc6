/**
 * The guard as a stand-alone ES module for services that load it by path (the reference agent's
 * `GUARD_MODULE`): it exports `classify(text) → {score, label, reasons}` and nothing else.
 * `guardModulePath()` from this folder's index gives its absolute path.
 */
export { classify } from './guard.js';
