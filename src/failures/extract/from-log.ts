import type { LogLine } from '../logs/index.js';
import { type Block, continueBlock, openBlock } from './block.js';
import { blockMessage } from './finish.js';
import { DEFAULT_MAX_TEXT, recordText, tidyMessage } from './message.js';
import type { FailureRecord, FailuresFromLogOptions } from './model.js';
import { classifyLine, type LineClass } from './patterns.js';

interface SourceState {
  open?: Block;
  testFile?: string;
  mute?: { indent: number; untilBlank: boolean };
  goTest?: string;
  goLogs: Map<string, string[]>;
}

interface Found {
  record: FailureRecord;
  label?: string;
  fallout: boolean;
  summary: boolean;
}

/**
 * Finds the failures in a CI log: per-test blocks of vitest, jest, node:test (spec and TAP),
 * pytest, unittest, Maven/JUnit and Go, and bare errors (exceptions, tracebacks, panics, compiler
 * errors) with the stack frames that follow. Interleaved sources are read as separate streams, a
 * block repeated verbatim is kept once, and tool fallout (`npm ERR!`, `exit code 1`, Maven's
 * "Failed to execute goal") is reported only when nothing more specific was found.
 */
export async function failuresFromLog(
  lines: AsyncIterable<LogLine> | Iterable<LogLine>,
  options: FailuresFromLogOptions = {},
): Promise<FailureRecord[]> {
  const maxLines = options.maxBlockLines ?? 300;
  const maxText = options.maxTextLength ?? DEFAULT_MAX_TEXT;
  const states = new Map<string, SourceState>();
  const found: Found[] = [];
  const close = (state: SourceState): void => {
    if (state.open !== undefined) found.push(...finish(state.open, options.file, maxText));
    delete state.open;
  };
  for await (const line of lines) {
    const key = line.source ?? '';
    let state = states.get(key);
    if (state === undefined) {
      state = { goLogs: new Map() };
      states.set(key, state);
    }
    const trimmed = line.text.trim();
    const indent = line.text.length - line.text.trimStart().length;
    if (state.mute !== undefined) {
      const { untilBlank, indent: muteIndent } = state.mute;
      if (untilBlank ? trimmed !== '' : trimmed === '' || indent > muteIndent) continue;
      delete state.mute;
    }
    const cls = classifyLine(trimmed, indent);
    if (state.open !== undefined && continueBlock(state.open, cls, line.text, maxLines)) continue;
    close(state);
    const summary = start(state, cls, trimmed, indent, line);
    if (summary !== undefined) {
      if (options.file !== undefined) summary.record.file = options.file;
      found.push(summary);
    }
  }
  for (const state of states.values()) close(state);
  return select(found, options.maxFailures ?? 200);
}

function start(
  state: SourceState,
  cls: LineClass,
  trimmed: string,
  indent: number,
  line: LogLine,
): Found | undefined {
  switch (cls.kind) {
    case 'header': {
      const block = openBlock(cls, trimmed, indent, line.lineNo, line.source ?? '');
      if (cls.style === 'jest' && state.testFile !== undefined && cls.label !== 'Test suite failed to run') {
        const parts = cls.label.split(' › ');
        const name = parts.pop() ?? '';
        block.testId = `${state.testFile}::${parts.join(' > ')}::${name}`;
      }
      if (cls.style === 'go') block.body.push(...(state.goLogs.get(cls.label) ?? []));
      state.open = block;
      return undefined;
    }
    case 'error':
      state.open = openBlock(cls, trimmed, indent, line.lineNo, line.source ?? '');
      return undefined;
    case 'test-file':
      state.testFile = cls.file;
      return undefined;
    case 'go-run':
      state.goTest = cls.name;
      state.goLogs.set(cls.name, []);
      return undefined;
    case 'mute':
      state.mute = { indent, untilBlank: cls.untilBlank };
      return undefined;
    case 'summary': {
      const message = tidyMessage(cls.message);
      const record: FailureRecord = {
        source: 'log',
        testId: cls.testId,
        lineNo: line.lineNo,
        message,
        stack: [],
        text: message,
      };
      return { record, label: cls.label, fallout: false, summary: true };
    }
    default: {
      const logs = state.goTest === undefined ? undefined : state.goLogs.get(state.goTest);
      if (logs !== undefined && indent > 0 && logs.length < 50) logs.push(trimmed);
      return undefined;
    }
  }
}

function finish(block: Block, file: string | undefined, maxText: number): Found[] {
  const message = blockMessage(block);
  if (message === undefined || message === '') return [];
  const record: FailureRecord = {
    source: 'log',
    ...(block.testId === undefined ? {} : { testId: block.testId }),
    ...(file === undefined ? {} : { file }),
    lineNo: block.lineNo,
    message,
    stack: block.frames,
    text: recordText(message, block.frameLines, maxText),
  };
  return [
    {
      record,
      ...(block.label === undefined ? {} : { label: block.label }),
      fallout: block.style === 'fallout',
      summary: false,
    },
  ];
}

/**
 * Keeps what matters: summary lines (`FAILED tests/x.py::test_a - ...`) only name the test of a
 * detailed block or stand in for one that is missing; fallout only when nothing else failed; one
 * copy of blocks repeated verbatim.
 */
function select(found: Found[], maxFailures: number): FailureRecord[] {
  const detailed = found.filter((item) => !item.fallout && !item.summary);
  const kept: Found[] = [...detailed];
  for (const summary of found.filter((item) => item.summary)) {
    const match = detailed.find(
      (item) =>
        item.record.testId === summary.record.testId ||
        (item.label !== undefined && item.label === summary.label),
    );
    if (match === undefined) kept.push(summary);
    else if (match.record.testId === undefined && summary.record.testId !== undefined) {
      match.record.testId = summary.record.testId;
    }
  }
  const chosen = kept.length > 0 ? kept : found.filter((item) => item.fallout);
  chosen.sort((a, b) => (a.record.lineNo ?? 0) - (b.record.lineNo ?? 0));
  const seen = new Set<string>();
  const records: FailureRecord[] = [];
  for (const { record } of chosen) {
    const key = [record.testId ?? '', record.text].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    records.push(record);
    if (records.length >= maxFailures) break;
  }
  return records;
}
