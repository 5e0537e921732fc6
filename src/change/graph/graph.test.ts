import { describe, expect, it } from 'vitest';
import { createImportGraph } from './graph.js';
import type { GraphEdge, ImportGraph } from './types.js';

/** A graph from `from -> to` pairs. */
function graphOf(pairs: readonly [string, string][], extra: string[] = []): ImportGraph {
  const edges = new Map<string, GraphEdge[]>();
  for (const [from, to] of pairs) {
    const list = edges.get(from) ?? [];
    list.push({ to, kinds: ['import'], typeOnly: false });
    edges.set(from, list);
  }
  const files = new Set([...pairs.flat(), ...extra]);
  return createImportGraph({
    root: '/repo',
    files: [...files],
    edges,
    unresolved: [],
    warnings: [],
    stats: { files: files.size, edges: pairs.length, parsed: 0, fromCache: 0, skippedDynamic: 0, ms: 0 },
  });
}

describe('createImportGraph', () => {
  // app -> feature -> index -> util; test -> index; other -> util; a <-> b (a cycle) -> util
  const graph = graphOf([
    ['app.ts', 'feature.ts'],
    ['feature.ts', 'index.ts'],
    ['index.ts', 'util.ts'],
    ['test.ts', 'index.ts'],
    ['other.ts', 'util.ts'],
    ['a.ts', 'b.ts'],
    ['b.ts', 'a.ts'],
    ['b.ts', 'util.ts'],
  ]);

  it('answers direct dependencies and dependents, sorted', () => {
    expect(graph.dependencies('b.ts')).toEqual(['a.ts', 'util.ts']);
    expect(graph.dependents('util.ts')).toEqual(['b.ts', 'index.ts', 'other.ts']);
    expect(graph.dependents('app.ts')).toEqual([]);
    expect(graph.dependencies('missing.ts')).toEqual([]);
  });

  it('gives every transitive dependent its shortest distance, through cycles, in distance then path order', () => {
    expect([...graph.dependentsClosure(['util.ts'])]).toEqual([
      ['util.ts', 0],
      ['b.ts', 1],
      ['index.ts', 1],
      ['other.ts', 1],
      ['a.ts', 2],
      ['feature.ts', 2],
      ['test.ts', 2],
      ['app.ts', 3],
    ]);
  });

  it('stops at maxDepth and starts from several inputs at once', () => {
    expect([...graph.dependentsClosure(['util.ts'], { maxDepth: 1 })]).toEqual([
      ['util.ts', 0],
      ['b.ts', 1],
      ['index.ts', 1],
      ['other.ts', 1],
    ]);
    expect(graph.dependentsClosure(['feature.ts', 'index.ts'])).toEqual(
      new Map([
        ['feature.ts', 0],
        ['index.ts', 0],
        ['app.ts', 1],
        ['test.ts', 1],
      ]),
    );
    expect([...graph.dependentsClosure(['util.ts'], { maxDepth: 0 })]).toEqual([['util.ts', 0]]);
  });

  it('accepts ./-prefixed, backslashed and absolute names of a file', () => {
    expect(graph.dependents('./util.ts')).toEqual(['b.ts', 'index.ts', 'other.ts']);
    expect(graph.dependents('/repo/util.ts')).toEqual(['b.ts', 'index.ts', 'other.ts']);
    const nested = graphOf([['src/a.ts', 'src/lib/b.ts']]);
    expect(nested.dependents('src\\lib\\b.ts')).toEqual(['src/a.ts']);
    expect(nested.dependents('src/lib/../lib/b.ts')).toEqual(['src/a.ts']);
    expect([...graph.dependentsClosure(['./index.ts'])].map(([file]) => file)).toEqual([
      'index.ts',
      'feature.ts',
      'test.ts',
      'app.ts',
    ]);
  });

  it('keeps an input that is not in the graph at distance 0 and adds nothing for it', () => {
    expect([...graph.dependentsClosure(['new-file.ts'])]).toEqual([['new-file.ts', 0]]);
  });

  it('lists files without edges too', () => {
    expect(graphOf([['a.ts', 'b.ts']], ['lonely.ts']).files()).toEqual(['a.ts', 'b.ts', 'lonely.ts']);
  });
});
