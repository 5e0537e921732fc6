export { buildImportGraph } from './build.js';
export { createImportGraph, type GraphData } from './graph.js';
export type {
  GraphEdge,
  GraphOptions,
  GraphStats,
  GraphWarning,
  ImportGraph,
  ImportKind,
  ModuleReference,
} from './types.js';
