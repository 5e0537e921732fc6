export { mapFramesToRepo } from './map.js';
export type { MapFramesToRepoOptions, RepoStackFrame, StackFrame } from './model.js';
export { parseStackFrame, parseStackFrames } from './parse.js';
