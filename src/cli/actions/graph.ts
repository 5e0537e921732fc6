import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import {
  buildImportGraph,
  type GraphStats,
  type GraphWarning,
  type ImportGraph,
} from '../../change/index.js';
import { CaraError } from '../../core/index.js';
import { findRepoRoot } from '../../git/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';

/** Under the state folder `cara init` creates; without that folder the graph is built without a cache. */
const STATE_DIR = '.cara';
const CACHE_FILE = `${STATE_DIR}/cache/import-graph.json`;
const MOST_IMPORTED = 10;

export interface GraphDependentsOptions {
  depth?: string;
  json?: boolean;
}

export interface GraphDependentsResult {
  files: string[];
  dependents: { file: string; distance: number }[];
  warnings: GraphWarning[];
  stats: GraphStats;
}

/** `cara graph dependents FILE...`: every file that imports one of FILE, directly or transitively. */
export async function runGraphDependents(
  ctx: CliContext,
  files: string[],
  options: GraphDependentsOptions,
): Promise<void> {
  const maxDepth = parseDepth(options.depth);
  const { root, graph } = await repositoryGraph(ctx);
  const inputs = files.map((file) => repoRelative(ctx, root, file));
  const known = new Set(graph.files());
  const unknown = inputs.filter((file) => !known.has(file));
  if (unknown.length > 0) {
    throw new CaraError(
      'USAGE',
      `not a source file of the import graph: ${unknown.join(', ')} (the graph has ${known.size} files)`,
      {
        hint:
          'name files relative to the current directory; the graph covers .ts .tsx .mts .cts .js .jsx .mjs .cjs ' +
          'files outside node_modules, dist, build and coverage (see `cara graph stats`)',
      },
    );
  }
  const closure = graph.dependentsClosure(inputs, maxDepth === undefined ? {} : { maxDepth });
  const result: GraphDependentsResult = {
    files: [...new Set(inputs)],
    dependents: [...closure]
      .filter(([, distance]) => distance > 0)
      .map(([file, distance]) => ({ file, distance })),
    warnings: graph.warnings,
    stats: graph.stats,
  };
  if (options.json) return json(ctx.output, result);
  printWarnings(ctx, graph.warnings);
  const { out } = ctx.output;
  const subject = result.files.length === 1 ? result.files[0] : `${result.files.length} files`;
  if (result.dependents.length === 0) {
    line(out, `nothing imports ${subject}${maxDepth === undefined ? '' : ` within ${maxDepth} imports`}`);
  } else {
    const count = result.dependents.length;
    line(out, `${count} file${count === 1 ? '' : 's'} depend${count === 1 ? 's' : ''} on ${subject}:`);
    let distance = 0;
    for (const dependent of result.dependents) {
      if (dependent.distance !== distance) {
        distance = dependent.distance;
        line(
          out,
          paint(
            ctx.output,
            'bold',
            distance === 1 ? 'distance 1 (imports it directly)' : `distance ${distance}`,
          ),
        );
      }
      line(out, `  ${dependent.file}`);
    }
  }
  line(ctx.output.err, paint(ctx.output, 'dim', summary(graph.stats)));
}

/** `cara graph stats`: the graph's size, cache use, most imported files and unresolved specifiers. */
export async function runGraphStats(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const { root, graph } = await repositoryGraph(ctx);
  const mostImported = graph
    .files()
    .map((file) => ({ file, dependents: graph.dependents(file).length }))
    .filter((entry) => entry.dependents > 0)
    .sort((a, b) => b.dependents - a.dependents || (a.file < b.file ? -1 : 1))
    .slice(0, MOST_IMPORTED);
  const result = {
    root,
    stats: graph.stats,
    mostImported,
    unresolved: graph.unresolved(),
    warnings: graph.warnings,
  };
  if (options.json) return json(ctx.output, result);
  printWarnings(ctx, graph.warnings);
  const { out } = ctx.output;
  const s = graph.stats;
  line(
    out,
    table([
      ['files', String(s.files)],
      ['import edges', String(s.edges)],
      ['parsed now', String(s.parsed)],
      ['from the cache', String(s.fromCache)],
      ['non-literal import() skipped', String(s.skippedDynamic)],
      ['unresolved specifiers', String(result.unresolved.length)],
      ['files skipped (warnings)', String(graph.warnings.length)],
      ['build time', `${s.ms} ms`],
    ]),
  );
  if (mostImported.length > 0) {
    line(out);
    line(
      out,
      table(
        mostImported.map((m) => [String(m.dependents), m.file]),
        ['importers', 'most imported files'],
      ),
    );
  }
  if (result.unresolved.length > 0) {
    line(out);
    line(
      out,
      table(
        result.unresolved.map((u) => [u.file, u.specifier]),
        ['file', 'unresolved specifier'],
      ),
    );
  }
}

/** Builds the graph of the repository around the working directory, cached under `.cara/` when it exists. */
async function repositoryGraph(ctx: CliContext): Promise<{ root: string; graph: ImportGraph }> {
  const root = await findRepoRoot(ctx.cwd());
  const stateDir = join(root, STATE_DIR);
  const cached = existsSync(stateDir) && statSync(stateDir).isDirectory();
  const done = slowBuildNotice(ctx);
  try {
    const graph = await buildImportGraph({ root, ...(cached ? { cacheFile: join(root, CACHE_FILE) } : {}) });
    return { root, graph };
  } finally {
    done();
  }
}

/** A path given on the command line (relative to the working directory) as a repo-relative `/` path. */
function repoRelative(ctx: CliContext, root: string, file: string): string {
  let absolute = resolve(ctx.cwd(), file);
  try {
    absolute = realpathSync(absolute);
  } catch {
    // A file that does not exist is reported as unknown by the caller.
  }
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // keep root as git printed it
  }
  const rel = relative(realRoot, absolute);
  return rel.split(sep).join('/');
}

function parseDepth(depth: string | undefined): number | undefined {
  if (depth === undefined) return undefined;
  const n = Number(depth);
  if (!Number.isInteger(n) || n < 1) {
    throw new CaraError('USAGE', `--depth must be a whole number of at least 1, not "${depth}"`);
  }
  return n;
}

function printWarnings(ctx: CliContext, warnings: readonly GraphWarning[]): void {
  for (const w of warnings)
    line(ctx.output.err, `${paint(ctx.output, 'yellow', 'warning')}: ${w.file}: ${w.message}`);
}

function summary(s: GraphStats): string {
  return `graph: ${s.files} files, ${s.edges} imports, ${s.parsed} parsed, ${s.fromCache} from the cache, ${s.ms} ms`;
}

/** On a terminal, says what is happening when a build takes more than two seconds. */
function slowBuildNotice(ctx: CliContext): () => void {
  if ((ctx.output.err as { isTTY?: boolean }).isTTY !== true) return () => {};
  let shown = false;
  const timer = setTimeout(() => {
    shown = true;
    ctx.output.err.write('building the import graph...');
  }, 2000);
  return () => {
    clearTimeout(timer);
    if (shown) ctx.output.err.write('\r\u001b[2K');
  };
}
