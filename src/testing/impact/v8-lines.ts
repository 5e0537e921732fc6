import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CaraError } from '../../core/index.js';
import { lineStarts, mergeRanges } from './ranges.js';
import { decodeMappings, type GeneratedSourceMap } from './source-map.js';
import { type TransformedSource, transformedSourceMap, transformedUrl } from './transformed.js';
import type { CoverageLines, LineRanges } from './types.js';

/** Options for turning raw V8 coverage into line ranges. */
export interface V8CoverageOptions {
  /** The repository folder; files outside it are ignored, the rest reported relative to it. */
  root: string;
  /** The source of a repo-relative file, or undefined when it cannot be read (the file is skipped). */
  readSource: (file: string) => string | undefined;
  /**
   * Code the runner compiled through `node:vm`, as captured in the run (see `CAPTURE_PRELOAD`): a script
   * whose captured code carries an inline source map is mapped to its original lines.
   */
  transformed?: readonly TransformedSource[];
}

interface V8Range {
  startOffset: number;
  endOffset: number;
  count: number;
}

interface V8Script {
  url: string;
  functions: { ranges: V8Range[] }[];
  /** From the `source-map-cache` section Node writes with `--enable-source-maps`. */
  sourceMap?: GeneratedSourceMap;
}

/** Extensions whose V8 offsets refer to code transformed at run time (vitest, tsx, ts-node), not the file. */
const TRANSFORMED = /\.(?:ts|tsx|mts|cts|jsx|vue|svelte)$/;

/**
 * Converts raw V8 coverage (what `NODE_V8_COVERAGE` writes) into executed line ranges per repo file.
 * A block with count 0 inside a run function is not executed: the innermost V8 range decides.
 */
export function v8CoverageToLines(coverage: unknown, options: V8CoverageOptions): LineRanges {
  return v8CoverageDetail(coverage, options).lines;
}

/**
 * Like {@link v8CoverageToLines}, and also names the files known only at file level. Scripts with a
 * `source-map-cache` entry (Node's `--enable-source-maps`) or with captured transformed code that carries
 * an inline source map (vitest) are mapped to their original lines; other transformed sources
 * (TypeScript run through tsx or jest) count as wholly covered when any of them ran.
 */
export function v8CoverageDetail(coverage: unknown, options: V8CoverageOptions): CoverageLines {
  const raw = new Map<string, [number, number][]>();
  const fileLevel = new Set<string>();
  const transformed = transformedByUrl(options.transformed ?? []);
  for (const script of scriptsOf(coverage)) {
    const captured = script.sourceMap === undefined ? capturedMap(script, transformed) : undefined;
    const sourceMap = script.sourceMap ?? captured?.map;
    if (sourceMap !== undefined) {
      for (const [file, lines] of mappedLines(script, sourceMap, options.root)) {
        raw.set(file, [...(raw.get(file) ?? []), ...lines]);
      }
      continue;
    }
    const file = repoFile(script.url, options.root);
    if (file === undefined) continue;
    const source = options.readSource(file);
    if (source === undefined) continue;
    const ranges = raw.get(file) ?? [];
    raw.set(file, ranges);
    // Offsets into code the runner transformed cannot be read against the file: any run counts whole.
    if (TRANSFORMED.test(file) || captured !== undefined) {
      if (script.functions.some((fn) => fn.ranges.some((range) => range.count > 0))) {
        ranges.push([1, lineStarts(source).length]);
        fileLevel.add(file);
      }
    } else ranges.push(...executedLines(script, source));
  }
  const lines: LineRanges = {};
  for (const file of [...raw.keys()].sort()) {
    const merged = mergeRanges(raw.get(file) ?? []);
    if (merged.length > 0) lines[file] = merged;
  }
  return { lines, fileLevel: [...fileLevel].filter((file) => file in lines).sort() };
}

/** Captured code by the URL V8 reports for it; a URL compiled more than once keeps every version. */
function transformedByUrl(sources: readonly TransformedSource[]): Map<string, TransformedSource[]> {
  const byUrl = new Map<string, TransformedSource[]>();
  for (const source of sources) {
    const url = transformedUrl(source.filename);
    if (url !== undefined) byUrl.set(url, [...(byUrl.get(url) ?? []), source]);
  }
  return byUrl;
}

/**
 * The captured code V8 ran for `script`, if the runner compiled it through vm: `map` is the source
 * map of the version whose length is the length of the script's top-level range (so offsets never
 * refer to other text), and is missing when no version matches or it has no usable map.
 */
function capturedMap(
  script: V8Script,
  transformed: ReadonlyMap<string, TransformedSource[]>,
): { map: GeneratedSourceMap | undefined } | undefined {
  const url = script.url.startsWith('file:') ? script.url : transformedUrl(script.url);
  const candidates = url === undefined ? undefined : transformed.get(url);
  if (candidates === undefined) return undefined;
  const length = Math.max(0, ...script.functions.flatMap((fn) => fn.ranges.map((range) => range.endOffset)));
  const source = candidates.find((candidate) => candidate.code.length === length);
  return { map: source === undefined ? undefined : transformedSourceMap(source) };
}

/**
 * Executed lines of the original sources of a script that has a source map: a mapping segment whose
 * generated columns hold any executed character marks its original line executed.
 */
function mappedLines(
  script: V8Script,
  map: GeneratedSourceMap,
  root: string,
): Map<string, [number, number][]> {
  const starts: number[] = [];
  let total = 0;
  for (const length of map.lineLengths) {
    starts.push(total);
    total += length + 1;
  }
  const painted = paint(script, total);
  const base = script.url.startsWith('file:') ? script.url : pathToFileURL(script.url).href;
  const files = map.data.sources.map((source) => {
    try {
      return repoFile(new URL(`${map.data.sourceRoot ?? ''}${source}`, base).href, root);
    } catch {
      return undefined;
    }
  });
  const lineShift = map.lineShift ?? 0;
  const columnShift = map.columnShift ?? 0;
  const out = new Map<string, [number, number][]>();
  for (const segment of decodeMappings(map.data.mappings)) {
    const file = files[segment.sourceIndex];
    const line = segment.generatedLine + lineShift;
    const lineStart = starts[line];
    const lineLength = map.lineLengths[line];
    if (file === undefined || lineStart === undefined || lineLength === undefined) continue;
    const shift = segment.generatedLine === 0 ? columnShift : 0;
    const from = lineStart + shift + segment.startColumn;
    const to = lineStart + Math.min(shift + (segment.endColumn ?? lineLength), lineLength);
    if (painted.subarray(from, to).includes(1)) {
      const lines = out.get(file) ?? [];
      lines.push([segment.originalLine, segment.originalLine]);
      out.set(file, lines);
    }
  }
  return out;
}

/** 1 for every character whose innermost V8 range ran, 0 otherwise. */
function paint(script: V8Script, length: number): Uint8Array {
  const painted = new Uint8Array(length);
  const ranges = script.functions
    .flatMap((fn) => fn.ranges)
    .sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  for (const range of ranges) {
    painted.fill(range.count > 0 ? 1 : 0, Math.max(0, range.startOffset), Math.min(range.endOffset, length));
  }
  return painted;
}

/** Lines holding at least one executed, non-blank character, as the innermost V8 range says. */
function executedLines(script: V8Script, source: string): [number, number][] {
  const painted = paint(script, source.length);
  const starts = lineStarts(source);
  const out: [number, number][] = [];
  for (let line = 0; line < starts.length; line++) {
    const from = starts[line] as number;
    const to = starts[line + 1] ?? source.length;
    for (let i = from; i < to; i++) {
      if (painted[i] === 1 && !isBlank(source.charCodeAt(i))) {
        out.push([line + 1, line + 1]);
        break;
      }
    }
  }
  return out;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The repo-relative posix path of a coverage URL, or undefined outside `root`, in node_modules or not a file. */
function repoFile(url: string, root: string): string | undefined {
  let absolute: string;
  if (url.startsWith('file:')) absolute = fileURLToPath(url);
  else if (isAbsolute(url)) absolute = url;
  else return undefined;
  const rel = relative(root, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  const posix = rel.split(sep).join('/');
  if (posix.split('/').includes('node_modules')) return undefined;
  return posix;
}

/** The scripts of one coverage document (`{ result: [...] }`) or of an array of them. */
function scriptsOf(coverage: unknown): V8Script[] {
  const documents = Array.isArray(coverage) ? coverage : [coverage];
  return documents.flatMap((document, index) => {
    const result = isRecord(document) ? document.result : undefined;
    if (!Array.isArray(result)) {
      throw new CaraError('DATA_INVALID', `V8 coverage document ${index + 1} has no "result" array.`, {
        hint: 'Pass the JSON that NODE_V8_COVERAGE writes (coverage-*.json), parsed.',
      });
    }
    const cache = isRecord(document) ? document['source-map-cache'] : undefined;
    return result.flatMap((entry): V8Script[] => {
      if (!isRecord(entry) || typeof entry.url !== 'string' || !Array.isArray(entry.functions)) return [];
      const functions = entry.functions.filter(
        (fn): fn is { ranges: V8Range[] } => isRecord(fn) && Array.isArray(fn.ranges),
      );
      const sourceMap = isRecord(cache) ? cachedMap(cache[entry.url]) : undefined;
      return [
        sourceMap === undefined ? { url: entry.url, functions } : { url: entry.url, functions, sourceMap },
      ];
    });
  });
}

/** A usable `source-map-cache` entry, or undefined. */
function cachedMap(entry: unknown): GeneratedSourceMap | undefined {
  if (!isRecord(entry) || !Array.isArray(entry.lineLengths) || !isRecord(entry.data)) return undefined;
  const { sources, mappings, sourceRoot } = entry.data;
  if (!Array.isArray(sources) || typeof mappings !== 'string') return undefined;
  const data: GeneratedSourceMap['data'] = { sources: sources.map(String), mappings };
  if (typeof sourceRoot === 'string' && sourceRoot !== '')
    data.sourceRoot = sourceRoot.endsWith('/') ? sourceRoot : `${sourceRoot}/`;
  return { lineLengths: entry.lineLengths.map(Number), data };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
