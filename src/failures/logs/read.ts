import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CaraError, messageOf } from '../../core/errors.js';
import { decodeLineBytes, isBinaryLine, LineAssembler, type RawLine } from './bytes.js';
import { cleanLogText, splitLinePrefix } from './clean.js';
import type { LogLine, LogLineStream, LogReadReport, ReadLogLinesOptions } from './model.js';
import { summarizeLogRead } from './summary.js';

const DEFAULT_MAX_LINE_LENGTH = 4096;
const CHUNK_BYTES = 64 * 1024;

type Counters = Omit<LogReadReport, 'summary'>;

/**
 * Streams the cleaned lines of a CI log file, chunk by chunk, so a multi-gigabyte log or a
 * single gigantic line never has to fit in memory. `report()` says what was skipped or altered.
 */
export function readLogLines(path: string, options: ReadLogLinesOptions = {}): LogLineStream {
  const maxLineLength = positiveInteger(options.maxLineLength, 'maxLineLength') ?? DEFAULT_MAX_LINE_LENGTH;
  const maxBytes = positiveInteger(options.maxBytes, 'maxBytes');
  const counters: Counters = {
    file: path,
    lines: 0,
    bytes: 0,
    fileBytes: 0,
    truncatedLines: 0,
    binaryChunksSkipped: 0,
    binaryLinesSkipped: 0,
    invalidUtf8Lines: 0,
    cappedAtBytes: false,
    complete: false,
  };
  return {
    report: () => ({ ...counters, summary: summarizeLogRead(counters) }),
    [Symbol.asyncIterator]: () => streamLines(path, maxLineLength, maxBytes, counters),
  };
}

async function* streamLines(
  path: string,
  maxLineLength: number,
  maxBytes: number | undefined,
  counters: Counters,
): AsyncGenerator<LogLine> {
  try {
    counters.fileBytes = (await stat(path)).size;
  } catch (error) {
    throw new CaraError('USAGE', `Cannot read the log file ${path}: ${messageOf(error)}`, {
      hint: 'Pass the path of a downloaded CI log.',
      cause: error,
    });
  }
  const capped = maxBytes !== undefined && counters.fileBytes > maxBytes;
  const assembler = new LineAssembler(maxLineLength * 4 + 4096);
  const state = { lineNo: 0, inBinary: false };
  const stream = createReadStream(path, {
    highWaterMark: CHUNK_BYTES,
    ...(capped ? { end: maxBytes - 1 } : {}),
  });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      counters.bytes += chunk.length;
      for (const raw of assembler.push(chunk)) {
        const line = toLogLine(raw, ++state.lineNo, maxLineLength, counters, state);
        if (line !== undefined) yield line;
      }
    }
  } catch (error) {
    throw new CaraError('DATA_INVALID', `Reading the log file ${path} failed: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const last = assembler.end();
  if (last !== undefined) {
    if (capped) last.currentCut = true;
    const line = toLogLine(last, ++state.lineNo, maxLineLength, counters, state);
    if (line !== undefined) yield line;
  }
  counters.cappedAtBytes = capped;
  counters.complete = true;
}

function toLogLine(
  raw: RawLine,
  lineNo: number,
  maxLineLength: number,
  counters: Counters,
  state: { inBinary: boolean },
): LogLine | undefined {
  if (isBinaryLine(raw)) {
    counters.binaryLinesSkipped++;
    if (!state.inBinary) counters.binaryChunksSkipped++;
    state.inBinary = true;
    return undefined;
  }
  state.inBinary = false;
  if (lineNo === 1 && raw.current.subarray(0, 3).equals(UTF8_BOM)) raw.current = raw.current.subarray(3);
  const current = decodeLineBytes(raw.current, raw.currentCut);
  const previous = raw.previous === undefined ? undefined : decodeLineBytes(raw.previous, raw.previousCut);
  if (current.latin1 || previous?.latin1 === true) counters.invalidUtf8Lines++;
  const currentVisible = cleanLogText(current.text);
  const visible =
    currentVisible !== '' || previous === undefined ? currentVisible : cleanLogText(previous.text);
  const cut = currentVisible !== '' || previous === undefined ? raw.currentCut : raw.previousCut;
  const line = finishLine(visible, lineNo, maxLineLength);
  if (cut || line.cut) counters.truncatedLines++;
  counters.lines++;
  return line.line;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function finishLine(visible: string, lineNo: number, maxLineLength: number): { line: LogLine; cut: boolean } {
  const { text, source } = splitLinePrefix(visible);
  const cut = text.length > maxLineLength;
  const kept = cut ? text.slice(0, maxLineLength) : text;
  return { line: source === undefined ? { lineNo, text: kept } : { lineNo, text: kept, source }, cut };
}

/**
 * The cleaned lines of in-memory log text, with the same rules as {@link readLogLines} (lines
 * containing NUL bytes are dropped).
 */
export function logLinesFromText(
  text: string,
  options: Pick<ReadLogLinesOptions, 'maxLineLength'> = {},
): LogLine[] {
  const maxLineLength = positiveInteger(options.maxLineLength, 'maxLineLength') ?? DEFAULT_MAX_LINE_LENGTH;
  const rawLines = text.split('\n');
  if (rawLines.at(-1) === '') rawLines.pop();
  const lines: LogLine[] = [];
  rawLines.forEach((raw, index) => {
    if (raw.includes('\u0000')) return;
    const bom = index === 0 && raw.startsWith('\ufeff') ? raw.slice(1) : raw;
    lines.push(finishLine(cleanLogText(bom), index + 1, maxLineLength).line);
  });
  return lines;
}

function positiveInteger(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value <= 0) {
    throw new CaraError('USAGE', `${name} must be a positive integer, got ${value}.`);
  }
  return value;
}
