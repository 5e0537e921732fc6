/** What to build an import graph of. */
export interface GraphOptions {
  /** The repository (or project) folder; every path the graph reports is relative to it. */
  root: string;
  /**
   * Folders, files or globs (`*`, `**`, `?`, `{a,b}`) relative to `root`, e.g. `src` or `src/**`. Default: every
   * `.ts .tsx .mts .cts .js .jsx .mjs .cjs` file under `root` outside `node_modules`, `dist`, `build`,
   * `coverage`, `.git` and `.cara`.
   */
  include?: string[];
  /**
   * The tsconfig (or jsconfig) whose `paths`/`baseUrl` apply to every file. Default: each file uses its
   * nearest `tsconfig.json` (so packages of a monorepo keep their own aliases), or `jsconfig.json` at
   * `root` when the project has no `tsconfig.json`.
   */
  tsconfig?: string;
  /** Where to keep parsed imports between builds, e.g. `<root>/.cara/cache/import-graph.json`. */
  cacheFile?: string;
}

/** A file the graph could not use, and why. */
export interface GraphWarning {
  file: string;
  message: string;
}

/** How a file refers to another one. */
export type ImportKind =
  /** `import x from`, `import { x } from`, `import * as x from` */
  | 'import'
  /** `import './x'` */
  | 'side-effect'
  /** `export * from`, `export { x } from`, `export * as x from` */
  | 're-export'
  /** `import('./x')` with a literal specifier */
  | 'dynamic'
  /** `require('./x')` and TypeScript's `import x = require('./x')` */
  | 'require'
  /** `require.resolve('./x')` */
  | 'require-resolve'
  /** a TypeScript `import('./x')` type */
  | 'import-type';

/** One specifier a file uses, as written. */
export interface ModuleReference {
  specifier: string;
  kind: ImportKind;
  /** `import type`, `export type`, or an `import()` type: erased at run time. */
  typeOnly: boolean;
}

/** One outgoing edge: a resolved, in-repository target and every way the file reaches it. */
export interface GraphEdge {
  to: string;
  kinds: ImportKind[];
  /** True when every reference to the target is type-only. */
  typeOnly: boolean;
}

export interface GraphStats {
  files: number;
  edges: number;
  /** Files parsed in this build. */
  parsed: number;
  /** Files whose imports came from the cache (unchanged content hash). */
  fromCache: number;
  /** `import(expr)` calls whose specifier is not a literal: skipped, not resolvable statically. */
  skippedDynamic: number;
  ms: number;
}

/** A module graph of a TypeScript/JavaScript project: forward and reverse edges between its files. */
export interface ImportGraph {
  /** Every source file found, repo-relative with `/` separators, sorted. */
  files(): string[];
  /** Direct, resolved, in-repository dependencies of `file`. */
  dependencies(file: string): string[];
  /** The edges out of `file`, with how each target is reached. */
  edges(file: string): GraphEdge[];
  /** Files that import `file` directly. */
  dependents(file: string): string[];
  /**
   * Reverse transitive closure with distance: every file that (transitively) imports one of `files`,
   * mapped to its shortest number of hops. Includes the inputs at distance 0.
   */
  dependentsClosure(files: readonly string[], options?: { maxDepth?: number }): Map<string, number>;
  /** In-repo-looking specifiers (relative, `#imports`, tsconfig aliases, workspace packages) that did not resolve. */
  unresolved(): { file: string; specifier: string }[];
  /** Files skipped because they could not be read or parsed. */
  warnings: GraphWarning[];
  stats: GraphStats;
}
