import { describe, expect, it } from 'vitest';
import { cleanLogText, splitLinePrefix, stripAnsi } from './clean.js';

const ESC = '\u001b';

describe('stripAnsi', () => {
  it('removes SGR colours, cursor moves and window titles', () => {
    expect(stripAnsi(`${ESC}[32m✓${ESC}[0m ok ${ESC}[2K${ESC}[1G${ESC}]0;title\u0007done`)).toBe('✓ ok done');
  });

  it('keeps the text of OSC 8 hyperlinks', () => {
    expect(stripAnsi(`see ${ESC}]8;;https://x.dev${ESC}\\docs${ESC}]8;;${ESC}\\ now`)).toBe('see docs now');
  });
});

describe('cleanLogText', () => {
  it('keeps the last visible segment of carriage-return overwrites', () => {
    expect(cleanLogText(`50%\r100%\r${ESC}[K`)).toBe('100%');
    expect(cleanLogText('line with CRLF\r')).toBe('line with CRLF');
  });
});

describe('splitLinePrefix', () => {
  it('drops GitHub Actions timestamps and keeps the rest', () => {
    expect(splitLinePrefix('2024-05-01T12:00:00.1234567Z   at fn (a.js:1:2)')).toEqual({
      text: '  at fn (a.js:1:2)',
    });
  });

  it('turns job prefixes into sources', () => {
    expect(splitLinePrefix('2024-05-01T12:00:00Z [gw0] PASSED t.py::a')).toEqual({
      text: 'PASSED t.py::a',
      source: 'gw0',
    });
    expect(splitLinePrefix('[2024-05-01 12:00:03] [job-2] Error: x')).toEqual({
      text: 'Error: x',
      source: 'job-2',
    });
    expect(splitLinePrefix('web-1     | GET /')).toEqual({ text: 'GET /', source: 'web-1' });
    expect(splitLinePrefix('@acme/web:test:unit: ok')).toEqual({ text: 'ok', source: '@acme/web:test:unit' });
  });

  it('leaves log levels, compiler locations and exceptions alone', () => {
    for (const text of [
      '[ERROR] Tests run: 2',
      'WARNING:root:slow',
      'src/a.ts:12:5: error',
      'calc_test.go:12: want 4',
      'TypeError: x is not a function',
      '[1/4] Resolving packages...',
    ]) {
      expect(splitLinePrefix(text)).toEqual({ text });
    }
  });
});
