import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaraError } from '../../core/index.js';
import { collectCoverage, collectCoverageDetail } from './collect.js';
import { mergeImpact } from './merge.js';
import { transformedSourceMap } from './transformed.js';
import type { LineRanges } from './types.js';
import { v8CoverageDetail, v8CoverageToLines } from './v8-lines.js';

const MATH = `export function add(a, b) {
  return a + b;
}

export function unused(a) {
  const doubled = a * 2;
  return doubled + 1;
}

export function sign(n) {
  if (n < 0) {
    return -1;
  }
  return 1;
}
`;

const TEST = `import { test } from 'node:test';
import assert from 'node:assert';
import { add, sign } from './math.js';

test('add', () => {
  assert.strictEqual(add(1, 2), 3);
  assert.strictEqual(sign(5), 1);
});
`;

function covers(ranges: [number, number][] | undefined, line: number): boolean {
  return (ranges ?? []).some(([start, end]) => start <= line && line <= end);
}

describe('collectCoverage on a real node:test run', () => {
  let root: string;
  let lines: LineRanges;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cara-impact-'));
    await writeFile(join(root, 'package.json'), '{"type":"module"}');
    await writeFile(join(root, 'math.js'), MATH);
    await writeFile(join(root, 'math.test.js'), TEST);
    lines = await collectCoverage({ root, command: [process.execPath, '--test', 'math.test.js'] });
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('includes the called function and excludes the uncalled body', () => {
    const math = lines['math.js'];
    expect(covers(math, 1)).toBe(true);
    expect(covers(math, 2)).toBe(true);
    for (const line of [6, 7]) expect(covers(math, line)).toBe(false);
  });

  it('excludes a block V8 counted zero inside a called function', () => {
    const math = lines['math.js'];
    expect(covers(math, 11)).toBe(true);
    expect(covers(math, 12)).toBe(false);
    expect(covers(math, 14)).toBe(true);
  });

  it('reports only files under the root, with posix relative paths', () => {
    expect(Object.keys(lines).sort()).toEqual(['math.js', 'math.test.js']);
  });

  it('returns the exit code and still collects coverage from a failing test', async () => {
    await writeFile(
      join(root, 'fail.test.js'),
      `import { test } from 'node:test';\nimport { add } from './math.js';\ntest('x', () => { if (add(1, 1) !== 3) throw new Error('no'); });\n`,
    );
    const detail = await collectCoverageDetail({
      root,
      command: [process.execPath, '--test', 'fail.test.js'],
    });
    expect(detail.exitCode).not.toBe(0);
    expect(covers(detail.lines['math.js'], 2)).toBe(true);
    expect(covers(detail.lines['math.js'], 11)).toBe(false);
  });

  it('maps executed lines through an inline source map to the original file', async () => {
    const generatedLines = MATH.split('\n').length;
    const map = {
      version: 3,
      sources: ['../src/math.ts'],
      names: [],
      mappings: ['AAEA', ...Array.from({ length: generatedLines - 1 }, () => 'AACA')].join(';'),
    };
    const inline = Buffer.from(JSON.stringify(map)).toString('base64');
    await mkdir(join(root, 'dist'), { recursive: true });
    await mkdir(join(root, 'src'), { recursive: true });
    await writeFile(join(root, 'src/math.ts'), `// two header lines\n// in the original\n${MATH}`);
    await writeFile(
      join(root, 'dist/math.js'),
      `${MATH}//# sourceMappingURL=data:application/json;base64,${inline}\n`,
    );
    await writeFile(join(root, 'mapped.test.js'), TEST.replace('./math.js', './dist/math.js'));
    const detail = await collectCoverageDetail({
      root,
      command: [process.execPath, '--enable-source-maps', '--test', 'mapped.test.js'],
    });
    const original = detail.lines['src/math.ts'];
    expect(covers(original, 3)).toBe(true);
    expect(covers(original, 4)).toBe(true);
    for (const line of [8, 9, 14]) expect(covers(original, line)).toBe(false);
    expect(detail.lines['dist/math.js']).toBeUndefined();
    expect(detail.fileLevel).toEqual([]);
  });

  it('fails with a clear error for a command that does not exist', async () => {
    await expect(collectCoverage({ root, command: ['cara-no-such-binary-xyz'] })).rejects.toMatchObject({
      code: 'EXTERNAL_TOOL_MISSING',
    });
  });
});

describe('collectCoverage on a real vitest run', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cara-impact-vitest-'));
    await writeFile(join(root, 'package.json'), '{"type":"module"}');
    await symlink(resolve(import.meta.dirname, '../../../node_modules'), join(root, 'node_modules'), 'dir');
    await writeFile(join(root, 'math.ts'), MATH.replace('add(a, b)', 'add(a: number, b: number): number'));
    await writeFile(
      join(root, 'math.test.ts'),
      `import { expect, test } from 'vitest';\nimport { add, sign } from './math.js';\n\ntest('add', () => {\n  expect(add(1, 2)).toBe(3);\n  expect(sign(5)).toBe(1);\n});\n`,
    );
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('maps the transformed TypeScript of a fork worker back to source lines', async () => {
    const detail = await collectCoverageDetail({
      root,
      command: [join(root, 'node_modules/.bin/vitest'), 'run', 'math.test.ts'],
      timeoutMs: 60_000,
    });
    expect(detail.exitCode).toBe(0);
    const math = detail.lines['math.ts'];
    for (const line of [1, 2, 10, 11, 14]) expect(covers(math, line)).toBe(true);
    for (const line of [6, 7, 12]) expect(covers(math, line)).toBe(false);
    expect(detail.fileLevel).toEqual([]);
  });
});

describe('transformed code captured from vm', () => {
  const original = 'export function one() {\n  return 1;\n}\nexport function two() {\n  return 2;\n}\n';
  // Generated line i maps to original line i (1-based), as a type-stripping transform keeps lines.
  const map = { version: 3, sources: ['m.ts'], names: [], mappings: 'AAAA;AACA;AACA;AACA;AACA;AACA' };
  const inner = `${original}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
  const prefix = "'use strict';async (a,b)=>{{";
  const code = `${prefix}${inner}\n}}`;
  const transformed = [{ filename: '/repo/m.ts', lineOffset: 0, columnOffset: -prefix.length, code }];
  const readSource = (file: string) => (file === 'm.ts' ? original : undefined);

  it('shifts the map by the wrapper and maps executed blocks to original lines', () => {
    const twoStart = code.indexOf('export function two');
    const coverage = {
      result: [
        {
          url: 'file:///repo/m.ts',
          functions: [
            { ranges: [{ startOffset: 0, endOffset: code.length, count: 1 }] },
            {
              ranges: [
                { startOffset: twoStart + 'export '.length, endOffset: code.indexOf('}\n//#') + 1, count: 0 },
              ],
            },
          ],
        },
      ],
    };
    const detail = v8CoverageDetail(coverage, { root: '/repo', readSource, transformed });
    expect(detail.lines).toEqual({ 'm.ts': [[1, 4]] });
    expect(detail.fileLevel).toEqual([]);
  });

  it('falls back to file level when the captured code is not what V8 ran', () => {
    const coverage = {
      result: [
        { url: 'file:///repo/m.ts', functions: [{ ranges: [{ startOffset: 0, endOffset: 5, count: 1 }] }] },
      ],
    };
    const detail = v8CoverageDetail(coverage, { root: '/repo', readSource, transformed });
    expect(detail.fileLevel).toEqual(['m.ts']);
  });

  it('counts a JavaScript file whole when the runner ran other code under its name', () => {
    const js = 'export const a = 1;\nexport const b = 2;\n';
    const coverage = {
      result: [
        { url: 'file:///repo/a.js', functions: [{ ranges: [{ startOffset: 0, endOffset: 7, count: 1 }] }] },
      ],
    };
    const detail = v8CoverageDetail(coverage, {
      root: '/repo',
      readSource: (file) => (file === 'a.js' ? js : undefined),
      transformed: [{ filename: '/repo/a.js', lineOffset: 0, columnOffset: 0, code: `${js}//# x` }],
    });
    expect(detail.lines).toEqual({ 'a.js': [[1, 3]] });
    expect(detail.fileLevel).toEqual(['a.js']);
  });

  it('reads the inline map and the wrapper shift', () => {
    const generated = transformedSourceMap(transformed[0] as (typeof transformed)[number]);
    expect(generated?.data.sources).toEqual(['m.ts']);
    expect(generated?.columnShift).toBe(prefix.length);
    expect(generated?.lineShift).toBe(0);
    expect(
      transformedSourceMap({ ...(transformed[0] as (typeof transformed)[number]), code: 'x' }),
    ).toBeUndefined();
  });
});

describe('v8CoverageToLines', () => {
  const root = '/repo';
  const source = 'const a = 1;\nfunction f() {\n  return 2;\n}\n';
  const sources: Record<string, string> = {
    'src/a.js': source,
    'src/b.ts': 'export const b = 1;\nexport {};\n',
  };
  const readSource = (file: string) => sources[file];

  it('ignores node_modules and files outside the root', () => {
    const coverage = {
      result: [
        {
          url: 'file:///repo/node_modules/x/a.js',
          functions: [{ ranges: [{ startOffset: 0, endOffset: 5, count: 1 }] }],
        },
        {
          url: 'file:///elsewhere/a.js',
          functions: [{ ranges: [{ startOffset: 0, endOffset: 5, count: 1 }] }],
        },
        { url: 'node:internal/x', functions: [] },
        {
          url: 'file:///repo/src/a.js',
          functions: [
            {
              ranges: [
                { startOffset: 0, endOffset: source.length, count: 1 },
                { startOffset: 13, endOffset: 41, count: 0 },
              ],
            },
          ],
        },
      ],
    };
    expect(v8CoverageToLines(coverage, { root, readSource })).toEqual({ 'src/a.js': [[1, 1]] });
  });

  it('treats transformed TypeScript without a source map as covered whole, at file level', async () => {
    const { v8CoverageDetail } = await import('./v8-lines.js');
    const coverage = {
      result: [
        {
          url: 'file:///repo/src/b.ts',
          functions: [{ ranges: [{ startOffset: 0, endOffset: 900, count: 1 }] }],
        },
      ],
    };
    const detail = v8CoverageDetail(coverage, { root, readSource });
    expect(detail.lines).toEqual({ 'src/b.ts': [[1, 3]] });
    expect(detail.fileLevel).toEqual(['src/b.ts']);
  });

  it('rejects input that is not V8 coverage', () => {
    expect(() => v8CoverageToLines({ nope: true }, { root, readSource })).toThrow(CaraError);
  });
});

describe('mergeImpact', () => {
  it('replaces re-collected tests and keeps the others', () => {
    const previous = {
      commit: 'a',
      createdAt: '2026-01-01T00:00:00Z',
      tests: {
        't1.js': { 'a.js': [[1, 2]] as [number, number][] },
        't2.js': { 'b.js': [[3, 4]] as [number, number][] },
      },
      fileLevel: { 't1.js': ['a.ts'] },
    };
    const update = {
      commit: 'b',
      createdAt: '2026-01-02T00:00:00Z',
      tests: { 't1.js': { 'a.js': [[5, 6]] as [number, number][] } },
    };
    const merged = mergeImpact(previous, update);
    expect(merged.commit).toBe('b');
    expect(merged.tests['t1.js']).toEqual({ 'a.js': [[5, 6]] });
    expect(merged.tests['t2.js']).toEqual({ 'b.js': [[3, 4]] });
    expect(merged.fileLevel).toBeUndefined();
  });
});
