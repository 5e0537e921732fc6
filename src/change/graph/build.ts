import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CaraError, messageOf } from '../../core/index.js';
import { type FileRecord, loadCache, saveCache } from './cache.js';
import { readProjectConfigs } from './configs.js';
import { createImportGraph } from './graph.js';
import { linkFile, revalidateLinks } from './link.js';
import { createSpecifierResolver, type ResolverSetup, resolverOptions } from './resolve.js';
import { scanFiles } from './scan.js';
import type { GraphEdge, GraphOptions, GraphWarning, ImportGraph } from './types.js';
import { walkProject } from './walk.js';

/**
 * Builds the import graph of the TypeScript/JavaScript sources under `options.root`: oxc-parser
 * reads each file's imports, oxc-resolver resolves them the way TypeScript and Node do.
 * With `cacheFile`, files whose content hash is unchanged are not parsed again, and while no file was
 * added, removed or renamed and no package.json/tsconfig changed, their imports are not resolved again.
 */
export async function buildImportGraph(options: GraphOptions): Promise<ImportGraph> {
  const started = performance.now();
  const root = await projectRoot(options.root);
  const tsconfig = chooseTsconfig(root, options.tsconfig);
  // Loaded here rather than at the top: importing the change capability stays free of native code.
  const [parser, resolver, project, cache] = await Promise.all([
    import('oxc-parser'),
    import('oxc-resolver'),
    walkProject(root, options.include),
    loadCache(options.cacheFile),
  ]);
  const configs = await readProjectConfigs(parser, root, project.configs);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([resolverOptions(tsconfig), configs.hash, project.sources]))
    .digest('hex');
  const scan = await scanFiles(parser, root, project.sources, cache.files);
  const sources = new Set(scan.records.keys());
  const resolverWarnings: GraphWarning[] = [];
  const resolveSpecifier = createSpecifierResolver(
    resolver,
    { root, sources, workspaces: configs.workspaces, aliases: configs.aliases, tsconfig },
    (warning) => resolverWarnings.push(warning),
  );

  const edges = new Map<string, GraphEdge[]>();
  const unresolved: { file: string; specifier: string }[] = [];
  const linksValid = cache.fingerprint === fingerprint;
  let edgeCount = 0;
  let skippedDynamic = 0;
  let relinked = false;
  for (const [file, record] of scan.records) {
    if ('error' in record) continue;
    skippedDynamic += record.imports.skippedDynamic;
    const cached = linksValid ? record.links : undefined;
    const links = cached
      ? revalidateLinks(root, file, cached, resolveSpecifier)
      : linkFile(root, file, record.imports, resolveSpecifier);
    relinked ||= links !== cached;
    scan.records.set(file, { ...record, links });
    for (const specifier of links.unresolved) unresolved.push({ file, specifier });
    if (links.edges.length > 0) {
      edges.set(file, links.edges);
      edgeCount += links.edges.length;
    }
  }

  const warnings: GraphWarning[] = [...configs.warnings, ...resolverWarnings, ...scan.warnings];
  for (const [file, record] of scan.records) {
    if (!('error' in record)) continue;
    const { message, line, column } = record.error;
    warnings.push({ file, message: `skipped: syntax error at line ${line}, column ${column}: ${message}` });
  }
  // Links resolved around an unusable tsconfig are not kept: the next build tries (and warns) again.
  const keep = resolverWarnings.length === 0 ? scan.records : withoutLinks(scan.records);
  const removed = [...cache.files.keys()].some((file) => !scan.records.has(file));
  if (options.cacheFile && (scan.parsed > 0 || relinked || removed)) {
    await saveCache(options.cacheFile, fingerprint, keep).catch((error: unknown) =>
      warnings.push({ file: options.cacheFile as string, message: `cache not written: ${messageOf(error)}` }),
    );
  }
  return createImportGraph({
    root,
    files: [...sources],
    edges,
    unresolved,
    warnings,
    stats: {
      files: sources.size,
      edges: edgeCount,
      parsed: scan.parsed,
      fromCache: scan.fromCache,
      skippedDynamic,
      ms: Math.round(performance.now() - started),
    },
  });
}

/** The real path of the root (the resolver reports real paths), which must be a folder. */
async function projectRoot(root: string): Promise<string> {
  try {
    const real = await realpath(resolve(root));
    if ((await stat(real)).isDirectory()) return real;
  } catch {
    // reported below
  }
  throw new CaraError('USAGE', `${root} is not a folder: cannot build an import graph of it`);
}

function chooseTsconfig(root: string, tsconfig: string | undefined): ResolverSetup['tsconfig'] {
  if (tsconfig !== undefined) {
    const configFile = resolve(root, tsconfig);
    if (!existsSync(configFile)) {
      throw new CaraError('USAGE', `tsconfig ${tsconfig} does not exist`, {
        hint: "pass a path relative to the project root, or leave it out to use each file's nearest tsconfig.json",
      });
    }
    return { configFile };
  }
  if (existsSync(join(root, 'tsconfig.json'))) return 'auto';
  const jsconfig = join(root, 'jsconfig.json');
  return existsSync(jsconfig) ? { configFile: jsconfig } : 'auto';
}

function withoutLinks(records: ReadonlyMap<string, FileRecord>): Map<string, FileRecord> {
  const stripped = new Map<string, FileRecord>();
  for (const [file, { links: _links, ...record }] of records) stripped.set(file, record);
  return stripped;
}
