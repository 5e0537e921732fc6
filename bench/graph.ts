/**
 * Import graph benchmark: on a generated TypeScript project (10,000 files by default: folders,
 * barrels, tsconfig aliases, `#imports`, re-exports, ~5 imports a file), the full build, the
 * incremental rebuild after one edit, and dependents-closure queries; next to the TypeScript
 * compiler API resolving the same imports (`ts.preProcessFile` + `ts.resolveModuleName`).
 *
 *   npx tsx bench/graph.ts [--files N] [--runs N] [--quick] [--keep]
 *
 * `--keep` leaves the generated project in place (its folder is printed) for profiling.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { buildImportGraph, type ImportGraph } from '../src/change/graph/index.js';
import { createCleanup, InterruptedError } from './lib/cleanup.js';
import { formatCount, formatDuration, formatMs, formatRate } from './lib/format.js';
import { randomInt, seededRandom } from './lib/random.js';
import { machineInfo, writeResults } from './lib/results.js';
import { formatTable } from './lib/table.js';
import { bestOf, bestOfInterleaved, perSecond, sampleLatency, summarize, timed } from './lib/timing.js';

const AREAS = 20;
const MODULES_PER_AREA = 10;
const QUERY_SAMPLES = 200;

interface GraphBenchOptions {
  files: number;
  runs: number;
  quick: boolean;
  keep: boolean;
}

const note = (line: string) => process.stderr.write(`${line}\n`);

function parseOptions(argv: string[]): GraphBenchOptions {
  // Not strict: `npm run bench -- ...` passes every benchmark the same arguments.
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      files: { type: 'string' },
      runs: { type: 'string' },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick === true;
  const files = values.files === undefined ? (quick ? 2_000 : 10_000) : Number(values.files);
  const runs = values.runs === undefined ? (quick ? 1 : 3) : Number(values.runs);
  if (!Number.isSafeInteger(files) || files < 500) {
    throw new Error(`--files must be a whole number of at least 500, got "${values.files}"`);
  }
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new Error(`--runs must be at least 1, got "${values.runs}"`);
  return { files, runs, quick, keep: values.keep === true };
}

// ---------------------------------------------------------------------------------------------
// The generated project

interface GeneratedProject {
  files: number;
  /** Imports written into the sources (in-repo and external). */
  imports: number;
  /** A file (almost) everything depends on. */
  coreFile: string;
  /** A file only its folder's barrel imports. */
  leafFile: string;
  /** The file the incremental rebuild edits. */
  editFile: string;
}

/**
 * Writes a layered project: `src/<area>/<module>/f<k>.ts` files that import earlier siblings
 * (`./f3.js` or `./f3`), the barrel of a lower module through `@app/*`, core files through
 * `#core/*` (package.json `imports`) or `@core/*` (tsconfig `paths`), and packages; module, area and
 * root barrels (`export * from`); tests that import through the barrels.
 */
function generateProject(dir: string, total: number, seed: number): GeneratedProject {
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write(
    'package.json',
    `${JSON.stringify({ name: 'synthetic-app', private: true, type: 'module', imports: { '#core/*': './src/core/*.ts' } }, null, 2)}\n`,
  );
  write(
    'tsconfig.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          strict: true,
          noEmit: true,
          baseUrl: '.',
          paths: { '@app/*': ['src/*'], '@core/*': ['src/core/*'] },
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
  );
  const areas = Array.from({ length: AREAS }, (_, a) =>
    a === 0 ? 'core' : `a${String(a).padStart(2, '0')}`,
  );
  const modules = AREAS * MODULES_PER_AREA;
  // Barrels: one per module, one per area, one at the root.
  const perModule = Math.max(3, Math.floor((total - modules - AREAS - 1) / modules));
  let remainder = total - modules - AREAS - 1 - perModule * modules;
  let files = 0;
  let imports = 0;
  const coreSize = perModule - Math.max(1, Math.floor(perModule / 10));
  for (const [a, area] of areas.entries()) {
    for (let m = 0; m < MODULES_PER_AREA; m++) {
      const count = perModule + (remainder-- > 0 ? 1 : 0);
      const tests = Math.max(1, Math.floor(count / 10));
      const sources = count - tests;
      const folder = `src/${area}/m${m}`;
      for (let k = 0; k < sources; k++) {
        const lines: string[] = [];
        const add = (line: string) => {
          lines.push(line);
          imports++;
        };
        const sibling = () => randomInt(random, 0, k);
        if (k > 0) {
          const j = sibling();
          add(`import { fn_${a}_${m}_${j}, type Shape${j} } from './f${j}${chance(0.5) ? '.js' : ''}';`);
          const h = sibling();
          if (k > 1 && chance(0.6)) add(`import { fn_${a}_${m}_${h} as helper } from './f${h}';`);
        }
        if (a > 0 || m > 0) {
          const lowerArea = randomInt(random, 0, a + 1);
          const lowerModule =
            lowerArea === a ? randomInt(random, 0, m) : randomInt(random, 0, MODULES_PER_AREA);
          if (lowerArea < a || lowerModule < m) {
            add(`import * as dep from '@app/${areas[lowerArea]}/m${lowerModule}';`);
          }
        }
        if (a > 0) {
          // Skewed towards the first core files: they are the hubs every change ripples through.
          const cm = Math.floor(MODULES_PER_AREA * random() ** 3);
          const cf = Math.floor(coreSize * random() ** 3);
          add(`import { fn_0_${cm}_${cf} } from '${chance(0.5) ? '#core' : '@core'}/m${cm}/f${cf}';`);
        }
        if (chance(0.4)) add(`import { ${chance(0.5) ? 'join' : 'resolve'} } from 'node:path';`);
        if (chance(0.2)) add(`import { z } from 'zod';`);
        if (k > 0 && chance(0.03)) add(`export * from './f${sibling()}.js';`);
        const lazy = k > 0 && chance(0.02) ? `  const later = await import('./f${sibling()}.js');\n` : '';
        if (lazy) imports++;
        write(`${folder}/f${k}.ts`, sourceFile(a, m, k, lines, lazy));
        files++;
      }
      for (let t = 0; t < tests; t++) {
        write(
          `${folder}/t${t}.test.ts`,
          `import { describe, expect, it } from 'vitest';\nimport { fn_${a}_${m}_${t % sources} } from '@app/${area}/m${m}';\n\n` +
            `describe('m${m}', () => {\n  it('works', () => expect(fn_${a}_${m}_${t % sources}(${t})).toBeTypeOf('number'));\n});\n`,
        );
        imports += 2;
        files++;
      }
      const barrel = Array.from({ length: sources }, (_, k) => `export * from './f${k}.js';\n`).join('');
      write(`${folder}/index.ts`, barrel);
      imports += sources;
      files++;
    }
    write(
      `src/${area}/index.ts`,
      Array.from({ length: MODULES_PER_AREA }, (_, m) => `export * as m${m} from './m${m}/index.js';\n`).join(
        '',
      ),
    );
    imports += MODULES_PER_AREA;
    files++;
  }
  write('src/index.ts', areas.map((area) => `export * as ${area} from './${area}/index.js';\n`).join(''));
  imports += AREAS;
  files++;
  const last = areas.at(-1) as string;
  const lastSources = perModule - Math.max(1, Math.floor(perModule / 10));
  return {
    files,
    imports,
    coreFile: 'src/core/m0/f0.ts',
    leafFile: `src/${last}/m${MODULES_PER_AREA - 1}/f${lastSources - 1}.ts`,
    editFile: `src/a10/m5/f3.ts`,
  };
}

function sourceFile(a: number, m: number, k: number, imports: string[], lazy: string): string {
  return `${imports.join('\n')}

export interface Shape${k} {
  id: string;
  weight: number;
  tags: readonly string[];
}

/** Generated function ${a}.${m}.${k}. */
export ${lazy ? 'async ' : ''}function fn_${a}_${m}_${k}(input: number): ${lazy ? 'Promise<number>' : 'number'} {
${lazy}  let total = input;
  for (let i = 0; i < ${3 + k}; i++) {
    total = (total * 31 + i) % 1_000_003;
  }
  const shape: Shape${k} = { id: \`s\${total}\`, weight: total / 7, tags: ['a', 'b'] };
  return shape.weight > 10 ? Math.floor(shape.weight) : total;
}
`;
}

// ---------------------------------------------------------------------------------------------
// The baseline: the TypeScript compiler API resolving the same imports

interface Baseline {
  edges: Map<string, Set<string>>;
  edgeCount: number;
}

/** The import edges `tsc` sees: every file's imports (preProcessFile) resolved with resolveModuleName. */
function typescriptEdges(root: string, files: readonly string[]): Baseline {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json did not parse');
  const cache = ts.createModuleResolutionCache(root, (name) => name, config.options);
  const edges = new Map<string, Set<string>>();
  let edgeCount = 0;
  for (const file of files) {
    const path = join(root, file);
    const info = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const ref of info.importedFiles) {
      const resolved = ts.resolveModuleName(ref.fileName, path, config.options, ts.sys, cache).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = relative(root, resolved.resolvedFileName);
      if (!target.startsWith('..') && target !== file) targets.add(target);
    }
    edges.set(file, targets);
    edgeCount += targets.size;
  }
  return { edges, edgeCount };
}

/**
 * Edges the baseline found that the graph lacks (should be none), and edges only the graph has:
 * `ts.preProcessFile` does not report `export * as ns from` (TypeScript 5.9), so namespace re-exports
 * of barrels are missing from the baseline though the compiler itself follows them.
 */
function compareEdges(graph: ImportGraph, baseline: Baseline): { missing: string[]; extra: number } {
  const missing: string[] = [];
  let shared = 0;
  for (const [from, targets] of baseline.edges) {
    const ours = new Set(graph.dependencies(from));
    for (const to of targets) {
      if (ours.has(to)) shared++;
      else missing.push(`${from} -> ${to}`);
    }
  }
  return { missing, extra: graph.stats.edges - shared };
}

// ---------------------------------------------------------------------------------------------

async function main(options: GraphBenchOptions): Promise<void> {
  const started = Date.now();
  const cleanup = createCleanup(note);
  try {
    const dir = mkdtempSync(join(tmpdir(), 'cara-bench-graph-'));
    if (options.keep) note(`--keep: the project stays in ${dir}`);
    else {
      cleanup.defer(() => rm(dir, { recursive: true, force: true }));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
    const { signal } = cleanup;

    note(`generating a project of ${formatCount(options.files)} files in ${dir}`);
    const project = generateProject(dir, options.files, 0x6a7a);
    note(`  ${formatCount(project.files)} files, ${formatCount(project.imports)} imports written`);
    signal.throwIfAborted();

    note('first build in this process (loads the native parser and resolver)');
    const firstEver = await timed(() => buildImportGraph({ root: dir }));
    const files = firstEver.result.files();
    note(`full build without a cache next to the TypeScript baseline, interleaved, best of ${options.runs}`);
    const full = await bestOfInterleaved(
      options.runs,
      {
        cara: () => buildImportGraph({ root: dir }),
        typescript: () => typescriptEdges(dir, files),
      },
      (run, task, ms) => note(`  run ${run} ${task}: ${formatMs(ms)}`),
      signal,
    );
    const cold = full.cara;
    const baseline = full.typescript;
    const graph = cold.result;

    const cacheFile = join(dir, '.cara/cache/import-graph.json');
    note('first build with a cache file (parses everything, writes the cache)');
    const first = await timed(() => buildImportGraph({ root: dir, cacheFile }));
    note('rebuild with nothing changed');
    const unchanged = await bestOf(options.runs, () => buildImportGraph({ root: dir, cacheFile }));
    note(`rebuild after editing ${project.editFile}, best of ${options.runs}`);
    const edited = await bestOf(options.runs, (run) => {
      appendFileSync(join(dir, project.editFile), `\nexport const edit${run} = ${run};\n`);
      return buildImportGraph({ root: dir, cacheFile });
    });
    signal.throwIfAborted();

    note(`dependents-closure queries, ${QUERY_SAMPLES} samples each`);
    const closureOf = (file: string) => graph.dependentsClosure([file]);
    const leafSize = closureOf(project.leafFile).size;
    const coreSize = closureOf(project.coreFile).size;
    const leafQuery = summarize(
      await sampleLatency(QUERY_SAMPLES, 20, async () => closureOf(project.leafFile), signal),
    );
    const coreQuery = summarize(
      await sampleLatency(QUERY_SAMPLES, 5, async () => closureOf(project.coreFile), signal),
    );

    const { missing, extra } = compareEdges(graph, baseline.result);
    if (missing.length > 0) {
      note(`  ${missing.length} edges found by TypeScript are missing from the graph, e.g. ${missing[0]}`);
      process.exitCode = 1;
    }

    const s = graph.stats;
    const rows: string[][] = [
      [
        'full build, no cache (cara, oxc)',
        formatCount(s.files),
        formatMs(cold.bestMs),
        formatRate(perSecond(s.files, cold.bestMs), 'files/s'),
        `${formatCount(s.edges)} edges`,
      ],
      [
        'full build, TypeScript API (baseline)',
        formatCount(s.files),
        formatMs(baseline.bestMs),
        formatRate(perSecond(s.files, baseline.bestMs), 'files/s'),
        `${formatCount(baseline.result.edgeCount)} edges: ${missing.length} missed by cara, ${formatCount(extra)} found only by cara`,
      ],
      [
        'first build in a new process, no cache',
        formatCount(s.files),
        formatMs(firstEver.ms),
        formatRate(perSecond(s.files, firstEver.ms), 'files/s'),
        'includes loading the native modules',
      ],
      [
        'first build writing the cache',
        formatCount(s.files),
        formatMs(first.ms),
        formatRate(perSecond(s.files, first.ms), 'files/s'),
        `parsed ${formatCount(first.result.stats.parsed)}`,
      ],
      [
        'rebuild, nothing changed',
        formatCount(s.files),
        formatMs(unchanged.bestMs),
        '',
        `cache hits ${ratio(unchanged.result)}`,
      ],
      [
        'rebuild after editing 1 file',
        formatCount(s.files),
        formatMs(edited.bestMs),
        '',
        `parsed ${edited.result.stats.parsed}, cache hits ${ratio(edited.result)}`,
      ],
      [
        'dependents closure, leaf file',
        formatCount(leafSize),
        `median ${formatMs(leafQuery.medianMs)}`,
        '',
        `p99 ${formatMs(leafQuery.p99Ms)}`,
      ],
      [
        'dependents closure, core file',
        formatCount(coreSize),
        `median ${formatMs(coreQuery.medianMs)}`,
        '',
        `p99 ${formatMs(coreQuery.p99Ms)}`,
      ],
    ];
    const durationMs = Date.now() - started;
    process.stdout.write(
      `\nImport graph, ${formatCount(s.files)} generated files (${formatDuration(durationMs)} in all)\n\n` +
        `${formatTable(
          [
            { header: 'Measurement' },
            { header: 'Files', align: 'right' },
            { header: 'Time', align: 'right' },
            { header: 'Rate', align: 'right' },
            { header: 'Notes' },
          ],
          rows,
        )}\n\n`,
    );
    const file = writeResults(options.quick ? 'graph-quick' : 'graph', {
      benchmark: 'graph',
      machine: machineInfo(new Date(started)),
      options,
      durationMs,
      project: { ...project, edges: s.edges, skippedDynamic: s.skippedDynamic },
      firstBuildInProcess: { ms: firstEver.ms },
      fullBuild: {
        runsMs: cold.runsMs,
        bestMs: cold.bestMs,
        filesPerSecond: perSecond(s.files, cold.bestMs),
      },
      baseline: {
        tool: `typescript ${ts.version} preProcessFile + resolveModuleName`,
        runsMs: baseline.runsMs,
        bestMs: baseline.bestMs,
        filesPerSecond: perSecond(s.files, baseline.bestMs),
        edges: baseline.result.edgeCount,
        missedByGraph: missing.length,
        foundOnlyByGraph: extra,
      },
      firstCachedBuild: { ms: first.ms, parsed: first.result.stats.parsed },
      unchangedRebuild: { runsMs: unchanged.runsMs, bestMs: unchanged.bestMs, stats: unchanged.result.stats },
      incrementalRebuild: {
        runsMs: edited.runsMs,
        bestMs: edited.bestMs,
        parsed: edited.result.stats.parsed,
        cacheHitRatio: edited.result.stats.fromCache / edited.result.stats.files,
      },
      closure: {
        leaf: { file: project.leafFile, size: leafSize, ...leafQuery },
        core: { file: project.coreFile, size: coreSize, ...coreQuery },
      },
    });
    note(`results written to ${file}`);
  } finally {
    await cleanup.run();
  }
}

function ratio(graph: ImportGraph): string {
  return `${((100 * graph.stats.fromCache) / graph.stats.files).toFixed(2)}%`;
}

let options: GraphBenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  note(`bench/graph: ${error instanceof Error ? error.message : String(error)}`);
  note('usage: tsx bench/graph.ts [--files N] [--runs N] [--quick] [--keep]');
  process.exit(2);
}
main(options).catch((error: unknown) => {
  if (error instanceof InterruptedError) {
    process.exitCode = error.exitCode;
    return;
  }
  note(`bench/graph failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
