export type { ScoredPassage } from './bm25.js';
export { Bm25Index } from './bm25.js';
export type { Passage } from './passages.js';
export { splitPassages } from './passages.js';
export { Retriever } from './retriever.js';
export { tokenize } from './tokenize.js';
