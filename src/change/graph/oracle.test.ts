/**
 * The acceptance check: the graph finds every dependent that TypeScript's own resolution finds
 * (`tsc --listFiles` from each file of the fixture), through aliases, re-exports and index files.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportGraph } from './build.js';
import type { ImportGraph } from './types.js';

const FIXTURE = resolve(import.meta.dirname, '../../../test/fixtures/graph');

let root: string;
let graph: ImportGraph;
let config: ts.ParsedCommandLine;

beforeAll(async () => {
  // An installed workspace: `@fixture/shared` linked into node_modules, as npm/pnpm workspaces do,
  // so that TypeScript (which only looks in node_modules) can resolve it too.
  root = realpathSync(mkdtempSync(join(tmpdir(), 'cara-graph-oracle-')));
  cpSync(FIXTURE, root, { recursive: true });
  mkdirSync(join(root, 'node_modules/@fixture'), { recursive: true });
  symlinkSync('../../packages/shared', join(root, 'node_modules/@fixture/shared'), 'dir');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('the fixture tsconfig.json did not parse');
  config = parsed;
  graph = await buildImportGraph({ root });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const repoPath = (file: string) => relative(root, file).split('\\').join('/');
const inRepo = (file: string) => !file.startsWith('..') && !file.split('/').includes('node_modules');

/** `tsc --listFiles` for a program rooted at `entry`: every repository file it pulls in. */
function listFiles(entry: string, host: ts.CompilerHost): Set<string> {
  const program = ts.createProgram({
    rootNames: [join(root, entry)],
    options: { ...config.options, noLib: true, types: [], noEmit: true },
    host,
  });
  return new Set(
    program
      .getSourceFiles()
      .map((sf) => repoPath(sf.fileName))
      .filter(inRepo),
  );
}

/** A compiler host that parses each file once for all the programs. */
function cachingHost(): ts.CompilerHost {
  const host = ts.createCompilerHost(config.options);
  const cache = new Map<string, ts.SourceFile | undefined>();
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!cache.has(key)) cache.set(key, getSourceFile(fileName, languageVersion, onError, shouldCreate));
    return cache.get(key);
  };
  return host;
}

describe('the import graph against the TypeScript compiler as an oracle', () => {
  it('covers every fixture file TypeScript sees, and only skips the unparsable one', () => {
    const tsFiles = config.fileNames.map(repoPath).sort();
    expect(tsFiles.length).toBeGreaterThanOrEqual(20);
    expect(graph.files()).toEqual(tsFiles);
    expect(graph.warnings.map((w) => w.file)).toEqual(['src/broken.jsx']);
  });

  it('has every direct edge TypeScript resolves (preProcessFile + resolveModuleName)', () => {
    const cache = ts.createModuleResolutionCache(root, (name) => name, config.options);
    const missing: string[] = [];
    let tsEdges = 0;
    for (const file of graph.files()) {
      if (file === 'src/broken.jsx') continue;
      const path = join(root, file);
      const info = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
      const ours = new Set(graph.dependencies(file));
      for (const ref of info.importedFiles) {
        const resolved = ts.resolveModuleName(
          ref.fileName,
          path,
          config.options,
          ts.sys,
          cache,
        ).resolvedModule;
        if (!resolved) continue;
        const target = repoPath(resolved.resolvedFileName);
        if (!inRepo(target) || target === file) continue;
        tsEdges++;
        if (!ours.has(target)) missing.push(`${file} -> ${target} (${ref.fileName})`);
      }
    }
    expect(missing).toEqual([]);
    expect(tsEdges).toBeGreaterThanOrEqual(20);
  });

  it('finds, for every file, a superset of the files whose `tsc --listFiles` include it', () => {
    const host = cachingHost();
    const skipped = new Set(graph.warnings.map((w) => w.file));
    const entries = graph.files().filter((file) => !skipped.has(file));
    const reaches = new Map(entries.map((entry) => [entry, listFiles(entry, host)]));
    const extras: string[] = [];
    for (const file of graph.files()) {
      // What TypeScript says imports `file`, transitively, and the file itself.
      const oracle = [...new Set([file, ...entries.filter((entry) => reaches.get(entry)?.has(file))])].sort();
      const ours = [...graph.dependentsClosure([file]).keys()].sort();
      expect(ours, `dependents of ${file}`).toEqual(expect.arrayContaining(oracle));
      for (const extra of ours.filter((f) => !oracle.includes(f))) extras.push(`${file} <- ${extra}`);
    }
    // Where the graph finds more, it is because TypeScript ignores `require()` in a TypeScript file
    // (src/settings.ts loads the CommonJS loader through createRequire); everywhere else they agree.
    expect(extras).toEqual([
      'src/legacy/defaults.cjs <- src/main.ts',
      'src/legacy/defaults.cjs <- src/settings.ts',
      'src/legacy/loader.cjs <- src/main.ts',
      'src/legacy/loader.cjs <- src/settings.ts',
    ]);
    // The one thing the graph misses by design: the unparsable file is skipped (with a warning),
    // while TypeScript recovers from the syntax error and still reads its import.
    expect(listFiles('src/broken.jsx', host).has('src/util/math.ts')).toBe(true);
    expect(graph.dependentsClosure(['src/util/math.ts']).has('src/broken.jsx')).toBe(false);
  });
});
