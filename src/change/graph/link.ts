import { join } from 'node:path';
import type { FileLinks } from './cache.js';
import type { ExtractedImports } from './extract.js';
import type { Resolution } from './resolve.js';
import type { GraphEdge } from './types.js';

export type ResolveSpecifier = (fromFile: string, specifier: string) => Resolution;

/**
 * Resolves every specifier of one file into edges to other source files (one edge per target, with
 * every kind of reference to it) and the specifiers that should be in the repository but are not.
 */
export function linkFile(
  root: string,
  file: string,
  imports: ExtractedImports,
  resolve: ResolveSpecifier,
): FileLinks {
  const from = join(root, file);
  const targets = new Map<string, GraphEdge>();
  const unresolved = new Set<string>();
  for (const reference of imports.references) {
    const resolution = resolve(from, reference.specifier);
    if (resolution.kind === 'unresolved') unresolved.add(reference.specifier);
    if (resolution.kind !== 'file' || resolution.path === file) continue;
    const edge = targets.get(resolution.path);
    if (!edge) {
      targets.set(resolution.path, {
        to: resolution.path,
        kinds: [reference.kind],
        typeOnly: reference.typeOnly,
      });
      continue;
    }
    if (!edge.kinds.includes(reference.kind)) edge.kinds.push(reference.kind);
    edge.typeOnly &&= reference.typeOnly;
  }
  const edges = [...targets.values()].sort((a, b) => (a.to < b.to ? -1 : 1));
  return { edges, unresolved: [...unresolved] };
}

/**
 * Links cached for an unchanged file under an unchanged file set and config stay valid; only the
 * unresolved specifiers are tried again, since a non-source target (JSON, CSS) may have appeared.
 */
export function revalidateLinks(
  root: string,
  file: string,
  links: FileLinks,
  resolve: ResolveSpecifier,
): FileLinks {
  if (links.unresolved.length === 0) return links;
  const from = join(root, file);
  const unresolved = links.unresolved.filter((specifier) => resolve(from, specifier).kind === 'unresolved');
  return unresolved.length === links.unresolved.length ? links : { edges: links.edges, unresolved };
}
