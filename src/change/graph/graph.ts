import { normalizeFile } from './paths.js';
import type { GraphEdge, GraphStats, GraphWarning, ImportGraph } from './types.js';

/** Everything a build found; the graph answers queries over it without touching the disk. */
export interface GraphData {
  root: string;
  files: readonly string[];
  /** Outgoing edges per file; files without imports may be absent. */
  edges: ReadonlyMap<string, readonly GraphEdge[]>;
  unresolved: readonly { file: string; specifier: string }[];
  warnings: GraphWarning[];
  stats: GraphStats;
}

/** Builds the query side of an import graph (forward and reverse adjacency) from a build's data. */
export function createImportGraph(data: GraphData): ImportGraph {
  const files = [...data.files].sort();
  const reverse = new Map<string, string[]>();
  for (const [from, edges] of data.edges) {
    for (const edge of edges) {
      const list = reverse.get(edge.to);
      if (list) list.push(from);
      else reverse.set(edge.to, [from]);
    }
  }
  for (const list of reverse.values()) list.sort();
  const key = (file: string) => normalizeFile(data.root, file);

  return {
    files: () => [...files],
    dependencies: (file) => (data.edges.get(key(file)) ?? []).map((edge) => edge.to),
    edges: (file) => (data.edges.get(key(file)) ?? []).map((edge) => ({ ...edge, kinds: [...edge.kinds] })),
    dependents: (file) => [...(reverse.get(key(file)) ?? [])],
    dependentsClosure: (inputs, options = {}) =>
      reverseClosure(reverse, inputs.map(key), options.maxDepth ?? Number.POSITIVE_INFINITY),
    unresolved: () => data.unresolved.map((entry) => ({ ...entry })),
    warnings: data.warnings,
    stats: data.stats,
  };
}

/**
 * Breadth-first walk up the reverse edges: each file gets its shortest distance from an input. Files of
 * one distance are listed in path order, so the result is the same on every run.
 */
export function reverseClosure(
  reverse: ReadonlyMap<string, readonly string[]>,
  inputs: readonly string[],
  maxDepth: number,
): Map<string, number> {
  const distance = new Map<string, number>();
  let level = [...new Set(inputs)].sort();
  for (const file of level) distance.set(file, 0);
  for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const file of level) {
      for (const dependent of reverse.get(file) ?? []) {
        if (distance.has(dependent)) continue;
        distance.set(dependent, depth);
        next.push(dependent);
      }
    }
    next.sort();
    // Re-insert in sorted order: the map's iteration order is then distance, then path.
    for (const file of next) {
      distance.delete(file);
      distance.set(file, depth);
    }
    level = next;
  }
  return distance;
}
