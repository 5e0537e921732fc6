import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import type { NapiResolveOptions, ResolveResult, ResolverFactory } from 'oxc-resolver';
import { toRepoPath } from './paths.js';
import type { GraphWarning } from './types.js';

export type OxcResolver = typeof import('oxc-resolver');

/** Where a specifier leads. */
export type Resolution =
  /** a source file of the graph */
  | { kind: 'file'; path: string }
  /** a package, a Node built-in, or anything outside the repository */
  | { kind: 'external' }
  /** an in-repository file that is not a source file of the graph (JSON, CSS, build output) */
  | { kind: 'other' }
  /** looks like it should be in the repository, but does not resolve */
  | { kind: 'unresolved' };

export interface ResolverSetup {
  /** Real path of the project root. */
  root: string;
  sources: ReadonlySet<string>;
  /** Workspace package name -> absolute folder, from the `package.json` files in the repository. */
  workspaces: ReadonlyMap<string, string>;
  /** `compilerOptions.paths` keys of every tsconfig in the repository (`@app/*`, `~/*`). */
  aliases: readonly string[];
  /** An explicit tsconfig for every file, or each file's nearest `tsconfig.json`. */
  tsconfig: { configFile: string } | 'auto';
}

/**
 * Resolver options that find what `tsc` (moduleResolution bundler/NodeNext) would: TypeScript sources
 * first, `.js` specifiers that name `.ts` files, `types` conditions in `exports`, `index` files.
 */
export function resolverOptions(tsconfig: ResolverSetup['tsconfig'] | undefined): NapiResolveOptions {
  return {
    ...(tsconfig === undefined
      ? {}
      : { tsconfig: tsconfig === 'auto' ? 'auto' : { configFile: tsconfig.configFile, references: 'auto' } }),
    extensions: ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'],
    extensionAlias: {
      '.js': ['.ts', '.tsx', '.d.ts', '.js', '.jsx'],
      '.jsx': ['.tsx', '.jsx'],
      '.mjs': ['.mts', '.d.mts', '.mjs'],
      '.cjs': ['.cts', '.d.cts', '.cjs'],
    },
    conditionNames: ['types', 'import', 'require', 'node', 'default'],
    mainFields: ['types', 'typings', 'module', 'main'],
    nodePath: false,
  };
}

/** The resolver's messages when a tsconfig (or one it extends) cannot be read. */
const TSCONFIG_ERROR = /^(?:Failed to load tsconfig "([^"]+)"|Tsconfig not found (.+)$)/s;

/**
 * A resolver for one build: `resolve(fromFile, specifier)` with `fromFile` absolute. A tsconfig that
 * cannot be read is reported once through `onWarning`, and files under it are resolved without it
 * (relative imports, `#imports` and packages still work; its aliases do not).
 */
export function createSpecifierResolver(
  oxc: OxcResolver,
  setup: ResolverSetup,
  onWarning: (warning: GraphWarning) => void,
): (fromFile: string, specifier: string) => Resolution {
  const factory: ResolverFactory = new oxc.ResolverFactory(resolverOptions(setup.tsconfig));
  let withoutTsconfig: ResolverFactory | undefined;
  const brokenConfigs = new Set<string>();
  const resolveFile = (fromFile: string, specifier: string): ResolveResult => {
    const result = factory.resolveFileSync(fromFile, specifier);
    const broken = result.error === undefined ? null : TSCONFIG_ERROR.exec(result.error);
    if (!broken) return result;
    const config = broken[1] ?? broken[2] ?? '';
    if (!brokenConfigs.has(config)) {
      brokenConfigs.add(config);
      onWarning({
        file: toRepoPath(setup.root, config) ?? config,
        message: `unusable, so its paths and baseUrl are ignored: ${result.error}`,
      });
    }
    withoutTsconfig ??= factory.cloneWithOptions(resolverOptions(undefined));
    return withoutTsconfig.resolveFileSync(fromFile, specifier);
  };
  const classify = (result: ResolveResult): Resolution | undefined => {
    if (!result.path) return undefined;
    const path = toRepoPath(setup.root, result.path);
    if (path === undefined || path.split('/').includes('node_modules')) return { kind: 'external' };
    return setup.sources.has(path) ? { kind: 'file', path } : { kind: 'other' };
  };
  const resolveUncached = (fromFile: string, specifier: string): Resolution => {
    if (isBuiltin(specifier)) return { kind: 'external' };
    const direct = classify(resolveFile(fromFile, specifier));
    if (direct) return direct;
    const workspace = setup.workspaces.get(packageName(specifier));
    if (workspace) {
      // Not linked into node_modules (no install yet): resolve as the package's own self-reference,
      // which applies its `exports` map exactly as an installed link would.
      const viaWorkspace = classify(resolveFile(join(workspace, 'package.json'), specifier));
      if (viaWorkspace) return viaWorkspace;
      return { kind: 'unresolved' };
    }
    return looksInRepo(specifier, setup.aliases) ? { kind: 'unresolved' } : { kind: 'external' };
  };
  // Files of one folder share their nearest tsconfig and package.json, so a specifier resolves the
  // same way from all of them: siblings, packages and aliases are looked up once per folder.
  const memo = new Map<string, Resolution>();
  return (fromFile, specifier) => {
    const key = `${dirname(fromFile)}\0${specifier}`;
    let resolution = memo.get(key);
    if (!resolution) {
      resolution = resolveUncached(fromFile, specifier);
      memo.set(key, resolution);
    }
    return resolution;
  };
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Relative, absolute, `#` subpath imports and tsconfig aliases point into the repository. */
export function looksInRepo(specifier: string, aliases: readonly string[]): boolean {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#')) return true;
  return aliases.some((alias) => matchesAlias(alias, specifier));
}

function matchesAlias(alias: string, specifier: string): boolean {
  const star = alias.indexOf('*');
  if (star < 0) return alias === specifier;
  const prefix = alias.slice(0, star);
  const suffix = alias.slice(star + 1);
  return (
    specifier.length >= prefix.length + suffix.length &&
    specifier.startsWith(prefix) &&
    specifier.endsWith(suffix)
  );
}
