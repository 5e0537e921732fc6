/** One decoded mapping segment: a generated column range on a line and the original line it came from. */
export interface MappedSegment {
  generatedLine: number;
  startColumn: number;
  /** Exclusive; the end of the line for the last segment. */
  endColumn: number | undefined;
  sourceIndex: number;
  /** 1-based. */
  originalLine: number;
}

/**
 * A source map placed on the generated code V8 ran: the generated code's line lengths, the map's
 * sources and mappings, and how far the map's generated positions sit from the code's start (a
 * runner's wrapper before the transformed module: whole lines, then columns on the module's first line).
 */
export interface GeneratedSourceMap {
  lineLengths: number[];
  data: { sources: string[]; sourceRoot?: string; mappings: string };
  lineShift?: number;
  columnShift?: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

/**
 * Decodes the `mappings` of a version 3 source map into line-level segments; segments without a source
 * are dropped, and original columns and names are not kept (coverage is per line).
 */
export function decodeMappings(mappings: string): MappedSegment[] {
  const segments: MappedSegment[] = [];
  let sourceIndex = 0;
  let originalLine = 0;
  mappings.split(';').forEach((line, generatedLine) => {
    let column = 0;
    const onLine: MappedSegment[] = [];
    for (const text of line.split(',')) {
      if (text === '') continue;
      const fields = decodeVlq(text);
      column += fields[0] ?? 0;
      if (fields.length < 4) continue;
      sourceIndex += fields[1] ?? 0;
      originalLine += fields[2] ?? 0;
      onLine.push({
        generatedLine,
        startColumn: column,
        endColumn: undefined,
        sourceIndex,
        originalLine: originalLine + 1,
      });
    }
    onLine.sort((a, b) => a.startColumn - b.startColumn);
    onLine.forEach((segment, index) => {
      segment.endColumn = onLine[index + 1]?.startColumn;
    });
    segments.push(...onLine);
  });
  return segments;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    if (digit === undefined) return values;
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return values;
}
