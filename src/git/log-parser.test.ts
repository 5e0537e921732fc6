import { describe, expect, it } from 'vitest';
import { isCaraError } from '../core/errors.js';
import type { CommitRecord } from './commit.js';
import { LogRecordParser } from './log-parser.js';
import { NulSplitter, parseNumstat } from './numstat.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

/** What `git log LOG_ARGS` prints for two commits: header fields, terminator, numstat entries. */
const OUTPUT = [
  `\x1e${A}`,
  '',
  'Zoë',
  'zoe@example.gov',
  '1700000000',
  '1700000100',
  'first ✓\n\nbody\n',
  '',
  '\n3\t1\tsrc/ünï code.ts',
  '-\t-\timg/logo.png',
  '0\t0\t',
  'old/name.txt',
  'new/\x1ename.txt',
  `\x1e${B}`,
  A,
  'Ann',
  'ann@example.gov',
  '1700000200',
  '1700000300',
  'second\n',
  '',
  '',
].join('\0');

function parseAll(chunks: Buffer[]): CommitRecord[] {
  const splitter = new NulSplitter();
  const parser = new LogRecordParser();
  const commits: CommitRecord[] = [];
  const onToken = (token: string) => {
    const commit = parser.push(token);
    if (commit) commits.push(commit);
  };
  for (const chunk of chunks) splitter.write(chunk, onToken);
  const tail = splitter.end();
  if (tail !== '') onToken(tail);
  const last = parser.end();
  if (last) commits.push(last);
  return commits;
}

describe('LogRecordParser over NulSplitter', () => {
  const expected: CommitRecord[] = [
    {
      sha: A,
      parents: [],
      authorName: 'Zoë',
      authorEmail: 'zoe@example.gov',
      authorTime: 1700000000,
      committerTime: 1700000100,
      message: 'first ✓\n\nbody',
      files: [
        { path: 'src/ünï code.ts', added: 3, deleted: 1 },
        { path: 'img/logo.png', added: null, deleted: null },
        { path: 'new/\x1ename.txt', oldPath: 'old/name.txt', added: 0, deleted: 0 },
      ],
      isMerge: false,
    },
    {
      sha: B,
      parents: [A],
      authorName: 'Ann',
      authorEmail: 'ann@example.gov',
      authorTime: 1700000200,
      committerTime: 1700000300,
      message: 'second',
      files: [],
      isMerge: false,
    },
  ];

  it('parses the whole output in one chunk', () => {
    expect(parseAll([Buffer.from(OUTPUT)])).toEqual(expected);
  });

  it('gives the same commits when every byte arrives on its own (multi-byte characters split)', () => {
    const bytes = Buffer.from(OUTPUT);
    const chunks = Array.from(bytes, (byte) => Buffer.from([byte]));
    expect(parseAll(chunks)).toEqual(expected);
  });

  it('rejects output that is not the expected format with a GIT_FAILED error', () => {
    const parser = new LogRecordParser();
    const error = (() => {
      try {
        parser.push('garbage before any commit');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isCaraError(error) && error.code).toBe('GIT_FAILED');
    expect(() => parseNumstat('12\tx\tpath\0')).toThrow(/unexpected git output/);
  });

  it('marks commits with several parents as merges', () => {
    const parser = new LogRecordParser();
    for (const token of [`\x1e${B}`, `${A} ${'c'.repeat(40)}`, 'n', 'e', '1', '2', 'merge', '']) {
      parser.push(token);
    }
    expect(parser.end()).toMatchObject({ isMerge: true, parents: [A, 'c'.repeat(40)], files: [] });
  });
});
