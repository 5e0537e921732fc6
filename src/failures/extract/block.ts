import { parseStackFrame, type StackFrame } from '../stack/index.js';
import type { HeaderStyle, LineClass } from './patterns.js';
import { TRACE_CONTINUATION } from './patterns.js';

/** How a failure block started: a runner's per-test header, a bare error, a Python traceback, or tool fallout. */
export type BlockStyle = HeaderStyle | 'bare' | 'traceback' | 'fallout';

/** The lines of one failure as they are collected. */
export interface Block {
  style: BlockStyle;
  source: string;
  lineNo: number;
  indent: number;
  label?: string;
  testId?: string;
  /** Trimmed non-blank lines that are not frames; for bare blocks the first is the error line. */
  body: string[];
  frames: StackFrame[];
  frameLines: string[];
  lines: number;
  inFrames: boolean;
  /** Traceback: the exception line after the frames has been seen. Go: a panic is being printed. */
  done: boolean;
  falloutFamily?: string;
  /** Traceback: the exception line that ended it. */
  exception?: string;
}

/** Opens a block for a header or error line. */
export function openBlock(
  cls: Extract<LineClass, { kind: 'header' } | { kind: 'error' }>,
  trimmed: string,
  indent: number,
  lineNo: number,
  source: string,
): Block {
  const base = { source, lineNo, indent, frames: [], frameLines: [], lines: 1, inFrames: false, done: false };
  if (cls.kind === 'header') {
    const block: Block = { ...base, style: cls.style, label: cls.label, body: [] };
    if (cls.testId !== undefined) block.testId = cls.testId;
    return block;
  }
  const style: BlockStyle = cls.traceback ? 'traceback' : cls.fallout ? 'fallout' : 'bare';
  const block: Block = { ...base, style, body: [trimmed] };
  const family = falloutFamily(trimmed);
  if (style === 'fallout' && family !== undefined) block.falloutFamily = family;
  return block;
}

function falloutFamily(trimmed: string): string | undefined {
  return /^(?:npm (?:ERR!|error)|\[ERROR\]|##\[error\])/.exec(trimmed)?.[0];
}

/**
 * Feeds one line to an open block; returns false when the line does not belong to it (the caller
 * then closes the block and reads the line afresh).
 */
export function continueBlock(block: Block, cls: LineClass, text: string, maxLines: number): boolean {
  const trimmed = text.trim();
  const indent = text.length - text.trimStart().length;
  if (block.lines >= maxLines) return false;
  if (cls.kind === 'header' || cls.kind === 'summary' || cls.kind === 'test-file' || cls.kind === 'go-run') {
    return false;
  }
  if (cls.kind === 'end') {
    // unittest prints a dashed rule between its FAIL: header and the traceback.
    if (!(block.style === 'unittest' && block.body.length === 0 && /^-+$/.test(trimmed))) return false;
  }
  if (trimmed === '') return continuesOverBlank(block) && count(block);
  if (block.style === 'fallout') {
    return (
      block.falloutFamily !== undefined && trimmed.startsWith(block.falloutFamily) && add(block, trimmed)
    );
  }
  const frame = parseStackFrame(text);
  if (frame !== undefined) {
    block.frames.push(frame);
    block.frameLines.push(trimmed);
    block.inFrames = true;
    return count(block);
  }
  if (TRACE_CONTINUATION.test(trimmed)) return add(block, trimmed);
  if (cls.kind === 'error') return continuesWithError(block, cls.fallout, trimmed, indent);
  return continuesWithOther(block, trimmed, indent);
}

function continuesOverBlank(block: Block): boolean {
  switch (block.style) {
    case 'fallout':
      return false;
    case 'bare':
    case 'maven':
      return !block.inFrames;
    case 'traceback':
      return !block.done;
    default:
      return true;
  }
}

function continuesWithError(block: Block, fallout: boolean, trimmed: string, indent: number): boolean {
  if (fallout) return false;
  if (block.style === 'bare') return indent > block.indent && add(block, trimmed);
  if (block.style === 'traceback') {
    if (block.done && trimmed !== 'Traceback (most recent call last):') return false;
    if (indent === 0 && trimmed !== 'Traceback (most recent call last):') endTraceback(block, trimmed);
    return add(block, trimmed);
  }
  if (block.style === 'go' && trimmed.startsWith('panic: ')) block.done = true;
  return add(block, trimmed);
}

function continuesWithOther(block: Block, trimmed: string, indent: number): boolean {
  switch (block.style) {
    case 'bare':
      return !block.inFrames && block.lines < 20 && add(block, trimmed);
    case 'traceback':
      if (indent > 0) return add(block, trimmed);
      if (block.done) return false;
      endTraceback(block, trimmed); // the unindented line after a traceback's frames is its exception
      return add(block, trimmed);
    case 'jest':
    case 'node-test':
    case 'tap':
      return indent > block.indent && add(block, trimmed);
    case 'maven':
      return !trimmed.startsWith('[') && !block.inFrames && add(block, trimmed);
    case 'go':
      return (indent > 0 || block.done) && add(block, trimmed);
    default:
      return add(block, trimmed);
  }
}

function endTraceback(block: Block, trimmed: string): void {
  block.done = true;
  block.exception = trimmed;
}

function add(block: Block, trimmed: string): boolean {
  block.body.push(trimmed);
  return count(block);
}

function count(block: Block): boolean {
  block.lines++;
  return true;
}
