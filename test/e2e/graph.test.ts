import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGitRepo, makeTempDir, projectRoot, runCara, type TempRepo } from '../support/cli.js';

const FIXTURE = join(projectRoot, 'test/fixtures/graph');

let repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos) r.remove();
  repos = [];
});

/** A temporary git repository holding a copy of the import graph fixture. */
function fixtureRepo(): string {
  const repo = makeGitRepo('cara-e2e-graph-');
  repos.push(repo);
  cpSync(FIXTURE, repo.dir, { recursive: true });
  return repo.dir;
}

interface DependentsJson {
  files: string[];
  dependents: { file: string; distance: number }[];
  warnings: { file: string; message: string }[];
  stats: { files: number; edges: number; parsed: number; fromCache: number };
}

describe('cara graph dependents', () => {
  it('lists every file that imports src/util/math.ts, through aliases, re-exports and index files', async () => {
    const dir = fixtureRepo();
    const result = await runCara(['graph', 'dependents', 'src/util/math.ts', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as DependentsJson;
    expect(out.files).toEqual(['src/util/math.ts']);
    expect(out.dependents).toEqual([
      { file: 'src/models/user.ts', distance: 1 },
      { file: 'src/services/formatter.ts', distance: 1 },
      { file: 'src/util/index.ts', distance: 1 },
      { file: 'test/math.spec.ts', distance: 1 },
      { file: 'src/index.ts', distance: 2 },
      { file: 'src/models/index.ts', distance: 2 },
      { file: 'src/services/report.ts', distance: 2 },
      { file: 'src/services/user-service.ts', distance: 2 },
      { file: 'src/main.ts', distance: 3 },
      { file: 'test/app.spec.ts', distance: 3 },
    ]);
    expect(out.warnings).toEqual([{ file: 'src/broken.jsx', message: expect.stringContaining('line 4') }]);
    expect(out.stats).toMatchObject({ files: 21, edges: 24, parsed: 21, fromCache: 0 });
    // No `cara init`: no .cara/ folder, so no cache was written into the repository.
    expect(existsSync(join(dir, '.cara'))).toBe(false);
  });

  it('takes paths relative to the working directory, groups by distance, and honours --depth', async () => {
    const dir = fixtureRepo();
    const result = await runCara(['-C', 'src/util', 'graph', 'dependents', 'math.ts', '--depth', '1'], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      [
        '4 files depend on src/util/math.ts:',
        'distance 1 (imports it directly)',
        '  src/models/user.ts',
        '  src/services/formatter.ts',
        '  src/util/index.ts',
        '  test/math.spec.ts',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toContain('warning: src/broken.jsx: skipped: syntax error at line 4');
  });

  it('uses the cache under .cara/ when the repository has one', async () => {
    const dir = fixtureRepo();
    mkdirSync(join(dir, '.cara'));
    const first = await runCara(['graph', 'dependents', 'src/types.ts', '--json'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(join(dir, '.cara/cache/import-graph.json'))).toBe(true);
    const second = await runCara(['graph', 'dependents', 'src/types.ts', '--json'], { cwd: dir });
    const out = JSON.parse(second.stdout) as DependentsJson;
    expect(out.stats).toMatchObject({ parsed: 0, fromCache: 21 });
    expect(out.dependents.map((d) => d.file)).toEqual(
      (JSON.parse(first.stdout) as DependentsJson).dependents.map((d) => d.file),
    );
  });

  it('exits 2 and names the file when it is not in the graph', async () => {
    const dir = fixtureRepo();
    const result = await runCara(['graph', 'dependents', 'src/nope.ts'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a source file of the import graph: src/nope.ts');
    expect(result.stdout).toBe('');
  });

  it('exits 2 outside a git repository', async () => {
    const plain = makeTempDir('cara-e2e-graph-');
    repos.push(plain);
    const result = await runCara(['graph', 'dependents', 'x.ts'], { cwd: plain.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not inside a git repository');
  });
});

describe('cara graph stats', () => {
  it('reports the size, the unresolved specifiers and the skipped file', async () => {
    const dir = fixtureRepo();
    const result = await runCara(['graph', 'stats', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as {
      stats: { files: number; edges: number; skippedDynamic: number };
      mostImported: { file: string; dependents: number }[];
      unresolved: { file: string; specifier: string }[];
      warnings: { file: string }[];
    };
    expect(out.stats).toMatchObject({ files: 21, edges: 24, skippedDynamic: 1 });
    expect(out.mostImported[0]).toEqual({ file: 'src/util/math.ts', dependents: 4 });
    expect(out.unresolved).toEqual([{ file: 'src/legacy/loader.cjs', specifier: './missing-plugin.cjs' }]);
    expect(out.warnings.map((w) => w.file)).toEqual(['src/broken.jsx']);
  });
});
