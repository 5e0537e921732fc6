import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GeneratedSourceMap } from './source-map.js';

/**
 * Code a test runner compiled through `node:vm` (vitest's module runner does this for every source
 * and test file), as the capture preload saw it: V8 coverage offsets refer to this text, not the file.
 */
export interface TransformedSource {
  /** The `filename` the code was compiled under: an absolute path or a file URL. */
  filename: string;
  /** The `lineOffset` and `columnOffset` given to vm: how the runner's wrapper shifts the inner code. */
  lineOffset: number;
  columnOffset: number;
  code: string;
}

/** Folder, inside the `NODE_V8_COVERAGE` folder, where the preload writes one JSON file per compiled script. */
export const CAPTURE_FOLDER = 'transformed';

/**
 * A preload (`node --import`) for every process of a coverage run, as plain JavaScript: kept as text
 * so it can be written next to the coverage files whether this package runs from `src/` or `dist/`.
 *
 * - Records the code compiled with `vm.runInThisContext`, `vm.runInContext` (vitest) or
 *   `vm.compileFunction` (jest) when it carries an inline source map, so its coverage can be mapped
 *   back to the original lines.
 * - On SIGTERM, writes the coverage (`v8.takeCoverage()`) before the default action kills the process:
 *   vitest stops its fork workers with SIGTERM, and a killed process never writes `NODE_V8_COVERAGE`.
 */
export const CAPTURE_PRELOAD = `import { mkdirSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread, threadId } from 'node:worker_threads';

const key = Symbol.for('cara.impact.capture');
const coverage = process.env.NODE_V8_COVERAGE;
if (coverage && !globalThis[key]) {
  globalThis[key] = true;
  const out = join(coverage, '${CAPTURE_FOLDER}');
  let count = 0;
  const capture = (code, options) => {
    try {
      const filename = typeof options === 'string' ? options : options?.filename;
      if (typeof code !== 'string' || typeof filename !== 'string') return;
      if (!code.includes('sourceMappingURL=data:')) return;
      const number = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
      const lineOffset = typeof options === 'object' ? number(options.lineOffset) : 0;
      const columnOffset = typeof options === 'object' ? number(options.columnOffset) : 0;
      mkdirSync(out, { recursive: true });
      count += 1;
      writeFileSync(
        join(out, process.pid + '-' + threadId + '-' + count + '.json'),
        JSON.stringify({ filename, lineOffset, columnOffset, code }),
      );
    } catch {
      // Capturing is best effort: the file then counts at file level, as without the preload.
    }
  };
  const { runInThisContext, runInContext, compileFunction } = vm;
  vm.runInThisContext = function (code, options) {
    capture(code, options);
    return runInThisContext.apply(this, arguments);
  };
  vm.runInContext = function (code, context, options) {
    capture(code, options);
    return runInContext.apply(this, arguments);
  };
  vm.compileFunction = function (code, params, options) {
    capture(code, options);
    return compileFunction.apply(this, arguments);
  };
  syncBuiltinESMExports();
  if (isMainThread) {
    process.on('SIGTERM', function flushCoverage() {
      v8.takeCoverage();
      if (process.listenerCount('SIGTERM') > 1) return;
      process.off('SIGTERM', flushCoverage);
      process.kill(process.pid, 'SIGTERM');
    });
  }
}
`;

/** A captured script from the preload's JSON, or undefined when it is not one. */
export function parseTransformedSource(value: unknown): TransformedSource | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { filename, lineOffset, columnOffset, code } = value as Record<string, unknown>;
  if (typeof filename !== 'string' || typeof code !== 'string') return undefined;
  return {
    filename,
    lineOffset: typeof lineOffset === 'number' ? lineOffset : 0,
    columnOffset: typeof columnOffset === 'number' ? columnOffset : 0,
    code,
  };
}

/** The file URL V8 reports for code compiled under `filename`, or undefined for other names. */
export function transformedUrl(filename: string): string | undefined {
  if (filename.startsWith('file:')) return filename;
  return isAbsolute(filename) ? pathToFileURL(filename).href : undefined;
}

const INLINE_MAP =
  /\/\/[#@] sourceMappingURL=data:application\/json(?:;charset=[\w-]+)?;base64,([A-Za-z0-9+/=]+)\s*/g;

/**
 * The inline source map of captured code, placed on the code as V8 ran it: the wrapper a runner adds
 * around the transformed module (vitest: `'use strict';async (...)=>{{` on the first line) is what the
 * negative line and column offsets given to vm undo, so the map's generated positions shift by them.
 */
export function transformedSourceMap(source: TransformedSource): GeneratedSourceMap | undefined {
  const matches = [...source.code.matchAll(INLINE_MAP)];
  const last = matches[matches.length - 1]?.[1];
  if (last === undefined) return undefined;
  let map: unknown;
  try {
    map = JSON.parse(Buffer.from(last, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof map !== 'object' || map === null) return undefined;
  const { sources, mappings, sourceRoot } = map as Record<string, unknown>;
  if (!Array.isArray(sources) || typeof mappings !== 'string') return undefined;
  const data: GeneratedSourceMap['data'] = { sources: sources.map(String), mappings };
  if (typeof sourceRoot === 'string' && sourceRoot !== '') {
    data.sourceRoot = sourceRoot.endsWith('/') ? sourceRoot : `${sourceRoot}/`;
  }
  return {
    lineLengths: source.code.split('\n').map((line) => line.length),
    data,
    lineShift: Math.max(0, -source.lineOffset),
    columnShift: Math.max(0, -source.columnOffset),
  };
}
