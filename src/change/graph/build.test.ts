import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildImportGraph } from './build.js';
import type { ImportGraph } from './types.js';

const FIXTURE = resolve(import.meta.dirname, '../../../test/fixtures/graph');

let temps: string[] = [];
afterEach(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  temps = [];
});

/** A scratch copy of the fixture project, for tests that edit it. */
function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cara-graph-'));
  temps.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** Every file with its edges, as `target [kinds]` strings. */
function adjacency(graph: ImportGraph): Record<string, string[]> {
  return Object.fromEntries(
    graph
      .files()
      .map((file) => [
        file,
        graph.edges(file).map((e) => `${e.to} [${e.kinds.join(',')}${e.typeOnly ? ', type-only' : ''}]`),
      ]),
  );
}

describe('buildImportGraph on the fixture project', () => {
  it('resolves aliases, re-exports, index files, .js specifiers, #imports, exports, require and import()', async () => {
    const graph = await buildImportGraph({ root: FIXTURE });
    expect(adjacency(graph)).toEqual({
      'packages/shared/src/ids.ts': [],
      'packages/shared/src/index.ts': ['packages/shared/src/ids.ts [re-export]'],
      'src/broken.jsx': [],
      'src/index.ts': [
        'src/models/index.ts [re-export]',
        'src/services/user-service.ts [re-export]',
        'src/types.ts [re-export, type-only]',
        'src/util/index.ts [re-export]',
        'src/util/strings.ts [re-export]',
      ],
      'src/internal/case.ts': [],
      'src/legacy/defaults.cjs': [],
      'src/legacy/loader.cjs': ['src/legacy/defaults.cjs [require,require-resolve]'],
      'src/main.ts': [
        'src/polyfills.ts [side-effect]',
        'src/services/report.ts [import]',
        'src/settings.ts [import]',
      ],
      'src/models/index.ts': ['src/models/user.ts [re-export]'],
      'src/models/user.ts': [
        'packages/shared/src/ids.ts [import]',
        'src/types.ts [import, type-only]',
        'src/util/math.ts [import]',
      ],
      'src/polyfills.ts': [],
      'src/services/formatter.ts': ['src/util/math.ts [import]'],
      'src/services/report.ts': ['src/services/formatter.ts [import-type,dynamic]'],
      'src/services/user-service.ts': [
        'src/models/index.ts [import, type-only]',
        'src/util/index.ts [import]',
      ],
      'src/settings.ts': ['src/legacy/loader.cjs [require]'],
      'src/types.ts': [],
      'src/util/index.ts': ['src/util/math.ts [re-export]', 'src/util/strings.ts [re-export]'],
      'src/util/math.ts': [],
      'src/util/strings.ts': ['src/internal/case.ts [import]'],
      'test/app.spec.ts': ['src/index.ts [import]'],
      'test/math.spec.ts': ['src/util/math.ts [import]'],
    });
    expect(graph.stats).toMatchObject({ files: 21, edges: 24, parsed: 21, fromCache: 0, skippedDynamic: 1 });
  });

  it('gives the exact dependents closure, with distances, through every kind of edge', async () => {
    const graph = await buildImportGraph({ root: FIXTURE });
    expect(Object.fromEntries(graph.dependentsClosure(['src/util/math.ts']))).toEqual({
      'src/util/math.ts': 0,
      'src/models/user.ts': 1, // @app/* alias
      'src/services/formatter.ts': 1, // baseUrl
      'src/util/index.ts': 1, // export *
      'test/math.spec.ts': 1, // the package's own exports ("./math")
      'src/index.ts': 2, // export * from './util/index.js'
      'src/models/index.ts': 2, // export * from './user'
      'src/services/report.ts': 2, // import('./formatter')
      'src/services/user-service.ts': 2, // #utils
      'src/main.ts': 3,
      'test/app.spec.ts': 3, // through the barrel, by package name
    });
    expect(Object.fromEntries(graph.dependentsClosure(['src/internal/case.ts']))).toEqual({
      'src/internal/case.ts': 0,
      'src/util/strings.ts': 1, // #internal/*
      'src/index.ts': 2, // export * as strings from '@app/util/strings'
      'src/util/index.ts': 2, // export { } from './strings.js'
      'src/services/user-service.ts': 3,
      'test/app.spec.ts': 3,
    });
    expect(Object.fromEntries(graph.dependentsClosure(['packages/shared/src/ids.ts']))).toEqual({
      'packages/shared/src/ids.ts': 0,
      'packages/shared/src/index.ts': 1,
      'src/models/user.ts': 1, // @fixture/shared/ids, a workspace package's exports
      'src/models/index.ts': 2,
      'src/index.ts': 3,
      'src/services/user-service.ts': 3, // import type, through the folder's index.ts
      'test/app.spec.ts': 4,
    });
    expect(Object.fromEntries(graph.dependentsClosure(['src/legacy/defaults.cjs'], { maxDepth: 2 }))).toEqual(
      {
        'src/legacy/defaults.cjs': 0,
        'src/legacy/loader.cjs': 1, // require and require.resolve
        'src/settings.ts': 2, // require through createRequire
      },
    );
  });

  it('skips the unparsable file with a warning naming it and its line, and lists what did not resolve', async () => {
    const graph = await buildImportGraph({ root: FIXTURE });
    expect(graph.warnings).toEqual([
      {
        file: 'src/broken.jsx',
        message: expect.stringMatching(/^skipped: syntax error at line 4, column \d+: /),
      },
    ]);
    expect(graph.unresolved()).toEqual([
      { file: 'src/legacy/loader.cjs', specifier: './missing-plugin.cjs' },
    ]);
    expect(graph.files()).toContain('src/broken.jsx');
  });

  it('resolves a workspace package the same way when it is linked into node_modules', async () => {
    const dir = copyFixture();
    mkdirSync(join(dir, 'node_modules/@fixture'), { recursive: true });
    symlinkSync('../../packages/shared', join(dir, 'node_modules/@fixture/shared'), 'dir');
    const graph = await buildImportGraph({ root: dir });
    expect(graph.dependencies('src/models/user.ts')).toContain('packages/shared/src/ids.ts');
    expect(graph.files().some((file) => file.startsWith('node_modules'))).toBe(false);
  });

  it('tells in-repo specifiers that do not resolve from packages, and survives binary and empty files', async () => {
    const dir = copyFixture();
    writeFileSync(
      join(dir, 'src/extra.ts'),
      "import '@app/nope';\nimport 'left-pad';\nimport 'node:fs';\nimport '#nope';\nimport '@fixture/shared/nope';\nimport './data.json';\n",
    );
    writeFileSync(join(dir, 'src/data.json'), '{}\n');
    writeFileSync(join(dir, 'src/binary.ts'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x9c, 0x28, 0xa1]));
    writeFileSync(join(dir, 'src/empty.ts'), '');
    const graph = await buildImportGraph({ root: dir });
    expect(graph.unresolved().filter((u) => u.file === 'src/extra.ts')).toEqual([
      { file: 'src/extra.ts', specifier: '@app/nope' },
      { file: 'src/extra.ts', specifier: '#nope' },
      { file: 'src/extra.ts', specifier: '@fixture/shared/nope' },
    ]);
    expect(graph.dependencies('src/extra.ts')).toEqual([]);
    expect(graph.warnings.map((w) => w.file)).toEqual(['src/binary.ts', 'src/broken.jsx']);
    expect(graph.files()).toContain('src/empty.ts');
  });

  it('warns about a tsconfig it cannot use and still resolves everything that does not need it', async () => {
    const dir = copyFixture();
    writeFileSync(join(dir, 'tsconfig.base.json'), '{ "compilerOptions": { "paths": { broken');
    const graph = await buildImportGraph({ root: dir });
    expect(graph.warnings).toContainEqual({
      file: 'tsconfig.base.json',
      message: expect.stringMatching(/^unusable, so its paths and baseUrl are ignored: .*line 1/),
    });
    expect(graph.dependencies('src/util/index.ts')).toEqual(['src/util/math.ts', 'src/util/strings.ts']);
    expect(graph.dependencies('src/models/user.ts')).toEqual(['packages/shared/src/ids.ts', 'src/types.ts']);

    const cacheFile = join(dir, '.cara/cache/import-graph.json');
    await buildImportGraph({ root: dir, cacheFile });
    const cached = await buildImportGraph({ root: dir, cacheFile });
    expect(cached.stats.fromCache).toBe(21);
    expect(cached.warnings.map((w) => w.file)).toContain('tsconfig.base.json');
  });

  it('limits the files to `include` folders and globs, and uses an explicit tsconfig', async () => {
    const graph = await buildImportGraph({
      root: FIXTURE,
      include: ['src/util', 'test/*.spec.ts'],
      tsconfig: 'tsconfig.json',
    });
    expect(graph.files()).toEqual([
      'src/util/index.ts',
      'src/util/math.ts',
      'src/util/strings.ts',
      'test/app.spec.ts',
      'test/math.spec.ts',
    ]);
    expect(Object.fromEntries(graph.dependentsClosure(['src/util/math.ts']))).toEqual({
      'src/util/math.ts': 0,
      'src/util/index.ts': 1,
      'test/math.spec.ts': 1,
    });
  });

  it('rejects a root that is not a folder and a tsconfig that does not exist', async () => {
    await expect(buildImportGraph({ root: join(FIXTURE, 'nope') })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(buildImportGraph({ root: FIXTURE, tsconfig: 'tsconfig.nope.json' })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('tsconfig.nope.json'),
    });
  });
});

describe('buildImportGraph with a cache', () => {
  it('parses only the changed file on a rebuild, and picks up added and removed files', async () => {
    const dir = copyFixture();
    const cacheFile = join(dir, '.cara/cache/import-graph.json');
    const first = await buildImportGraph({ root: dir, cacheFile });
    expect(first.stats).toMatchObject({ parsed: 21, fromCache: 0 });
    expect(existsSync(cacheFile)).toBe(true);

    const again = await buildImportGraph({ root: dir, cacheFile });
    expect(again.stats).toMatchObject({ parsed: 0, fromCache: 21 });
    expect(adjacency(again)).toEqual(adjacency(first));
    expect(again.warnings).toEqual(first.warnings);
    expect(again.unresolved()).toEqual(first.unresolved());

    appendFileSync(
      join(dir, 'src/types.ts'),
      "import { square } from './util/math';\nexport const four = square(2);\n",
    );
    writeFileSync(join(dir, 'src/area.ts'), "import { four } from './types';\nexport const area = four;\n");
    rmSync(join(dir, 'test/math.spec.ts'));
    const edited = await buildImportGraph({ root: dir, cacheFile });
    expect(edited.stats).toMatchObject({ files: 21, parsed: 2, fromCache: 19 });
    expect(Object.fromEntries(edited.dependentsClosure(['src/util/math.ts'], { maxDepth: 2 }))).toMatchObject(
      {
        'src/types.ts': 1,
        'src/area.ts': 2,
      },
    );
    expect(edited.files()).not.toContain('test/math.spec.ts');
  });

  it('ignores a cache of another format, or a corrupt one, and rewrites it', async () => {
    const dir = copyFixture();
    const cacheFile = join(dir, '.cara/cache/import-graph.json');
    mkdirSync(join(dir, '.cara/cache'), { recursive: true });
    for (const content of [
      JSON.stringify({ format: 999, parser: 'x', files: { 'src/index.ts': { h: 'x' } } }),
      '{ not json',
    ]) {
      writeFileSync(cacheFile, content);
      const graph = await buildImportGraph({ root: dir, cacheFile });
      expect(graph.stats).toMatchObject({ parsed: 21, fromCache: 0, edges: 24 });
      expect(graph.warnings.map((w) => w.file)).toEqual(['src/broken.jsx']);
      expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toMatchObject({ format: expect.any(Number) });
    }
    const cached = await buildImportGraph({ root: dir, cacheFile });
    expect(cached.stats).toMatchObject({ parsed: 0, fromCache: 21, edges: 24 });
  });

  it('re-resolves cached imports when a config changes, without parsing again', async () => {
    const dir = copyFixture();
    const cacheFile = join(dir, '.cara/cache/import-graph.json');
    await buildImportGraph({ root: dir, cacheFile });
    // Point the alias elsewhere: src/models/user.ts's '@app/util/math' no longer resolves.
    const base = readFileSync(join(dir, 'tsconfig.base.json'), 'utf8');
    writeFileSync(
      join(dir, 'tsconfig.base.json'),
      base.replace('"@app/*": ["src/*"]', '"@app/*": ["lib/*"]'),
    );
    const graph = await buildImportGraph({ root: dir, cacheFile });
    expect(graph.stats).toMatchObject({ parsed: 0, fromCache: 21 });
    expect(graph.dependencies('src/models/user.ts')).not.toContain('src/util/math.ts');
    expect(graph.unresolved()).toContainEqual({ file: 'src/models/user.ts', specifier: '@app/util/math' });
  });

  it('still builds when the cache cannot be written, and says so', async () => {
    const dir = copyFixture();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const graph = await buildImportGraph({ root: dir, cacheFile: join(dir, 'not-a-folder/cache.json') });
    expect(graph.stats.edges).toBe(24);
    expect(graph.warnings).toContainEqual({
      file: join(dir, 'not-a-folder/cache.json'),
      message: expect.stringContaining('cache not written'),
    });
  });
});
