import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLine } from './model.js';
import { logLinesFromText, readLogLines } from './read.js';

const ESC = '\u001b';

async function collect(lines: AsyncIterable<LogLine>): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('readLogLines', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cara-logs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('skips a NUL-byte chunk, decodes latin1 lines and reports both', async () => {
    const file = join(dir, 'ci.log');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from('2024-05-01T12:00:00.1234567Z Run npm test\n'),
        Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x0a, 0x00, 0x00, 0x0a]),
        Buffer.from('caf\xe9 cr\xe8me failed\n', 'latin1'),
        Buffer.from('naïve UTF-8 stays\n'),
        Buffer.from(`${ESC}[31mError: boom${ESC}[39m\r\n`),
      ]),
    );
    const stream = readLogLines(file);
    expect(stream.report().complete).toBe(false);
    const lines = await collect(stream);
    expect(lines).toEqual([
      { lineNo: 1, text: 'Run npm test' },
      { lineNo: 4, text: 'café crème failed' },
      { lineNo: 5, text: 'naïve UTF-8 stays' },
      { lineNo: 6, text: 'Error: boom' },
    ]);
    const report = stream.report();
    expect(report).toMatchObject({
      lines: 4,
      binaryChunksSkipped: 1,
      binaryLinesSkipped: 2,
      invalidUtf8Lines: 1,
      truncatedLines: 0,
      cappedAtBytes: false,
      complete: true,
    });
    expect(report.summary).toContain('1 binary chunk skipped (2 lines)');
    expect(report.summary).toContain('1 line not UTF-8');
  });

  it('cuts a 1 MB single line at maxLineLength without losing the next line', async () => {
    const file = join(dir, 'huge.log');
    await writeFile(file, `${'x'.repeat(1024 * 1024)}\nafter\n`);
    const stream = readLogLines(file, { maxLineLength: 100 });
    const lines = await collect(stream);
    expect(lines.map((line) => line.text.length)).toEqual([100, 5]);
    expect(lines[1]).toEqual({ lineNo: 2, text: 'after' });
    expect(stream.report().truncatedLines).toBe(1);
    expect(stream.report().summary).toContain('1 long line cut');
  });

  it('keeps a multi-byte character whole when the byte cap splits it', async () => {
    const file = join(dir, 'euro.log');
    await writeFile(file, `${'€'.repeat(5000)}\n`);
    const stream = readLogLines(file, { maxLineLength: 10 });
    const [line] = await collect(stream);
    expect(line?.text).toBe('€'.repeat(10));
    expect(stream.report().invalidUtf8Lines).toBe(0);
  });

  it('stops at maxBytes and reports the cap', async () => {
    const file = join(dir, 'big.log');
    await writeFile(file, 'line one\nline two\nline three\n');
    const stream = readLogLines(file, { maxBytes: 12 });
    const lines = await collect(stream);
    expect(lines.map((line) => line.text)).toEqual(['line one', 'lin']);
    const report = stream.report();
    expect(report).toMatchObject({ cappedAtBytes: true, bytes: 12, fileBytes: 29, truncatedLines: 1 });
    expect(report.summary).toContain('stopped at 12 B of 29 B');
  });

  it('keeps the last carriage-return segment of progress output', async () => {
    const file = join(dir, 'progress.log');
    await writeFile(file, 'progress 10%\rprogress 50%\rprogress 100%\ndone\n');
    expect((await collect(readLogLines(file))).map((line) => line.text)).toEqual(['progress 100%', 'done']);
  });

  it('names the file when it cannot be read', async () => {
    await expect(collect(readLogLines(join(dir, 'missing.log')))).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('missing.log'),
    });
  });

  it('rejects a nonsensical line limit', () => {
    expect(() => readLogLines('x.log', { maxLineLength: 0 })).toThrow(/maxLineLength/);
  });
});

describe('logLinesFromText', () => {
  it('separates interleaved worker output into sources', () => {
    const text = [
      '[worker 1] RUN  src/a.test.ts',
      '[worker 2] RUN  src/b.test.ts',
      '[worker 1] Error: boom',
      '[worker 2] ok',
      'app_1  | listening on 3000',
      'pkg-a:test: FAIL src/x.test.ts',
      '[INFO] Building calc 1.0',
      '[Error: ENOENT: no such file] {',
    ].join('\n');
    expect(logLinesFromText(text)).toEqual([
      { lineNo: 1, text: 'RUN  src/a.test.ts', source: 'worker 1' },
      { lineNo: 2, text: 'RUN  src/b.test.ts', source: 'worker 2' },
      { lineNo: 3, text: 'Error: boom', source: 'worker 1' },
      { lineNo: 4, text: 'ok', source: 'worker 2' },
      { lineNo: 5, text: 'listening on 3000', source: 'app_1' },
      { lineNo: 6, text: 'FAIL src/x.test.ts', source: 'pkg-a:test' },
      { lineNo: 7, text: '[INFO] Building calc 1.0' },
      { lineNo: 8, text: '[Error: ENOENT: no such file] {' },
    ]);
  });

  it('strips colours and hyperlinks and drops NUL lines', () => {
    const text = `${ESC}[1m${ESC}[31m FAIL ${ESC}[39m${ESC}[22m ${ESC}]8;;file:///a.ts${ESC}\\a.ts${ESC}]8;;${ESC}\\\nbad\u0000line\nend`;
    expect(logLinesFromText(text)).toEqual([
      { lineNo: 1, text: ' FAIL  a.ts' },
      { lineNo: 3, text: 'end' },
    ]);
  });
});
