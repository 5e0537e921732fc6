import type { CommitRecord } from './commit.js';
import { NumstatReader, unexpected } from './numstat.js';

const RECORD_START = '\x1e';
const HEADER_FIELDS = ['%H', '%P', '%aN', '%aE', '%at', '%ct', '%B'] as const;

/**
 * The `--format` of every mined commit: a record-separator byte, then NUL-terminated fields. With
 * `-z` the numstat entries that follow are NUL-terminated too, so the output is a flat list of
 * tokens. A token starts a commit only where a numstat entry could start, and numstat entries
 * start with a digit or `-`, so no path or message can be mistaken for a commit (messages are
 * read by position, and git cannot store a NUL in one).
 */
export const LOG_FORMAT = `--format=${RECORD_START}${HEADER_FIELDS.join('%x00')}%x00`;

/** Options for `git log` that make its output exactly what `LogRecordParser` reads. */
export const LOG_ARGS: readonly string[] = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-show-signature',
  '--numstat',
  '-M',
  '-z',
  LOG_FORMAT,
];

/**
 * Turns the token stream of `git log LOG_ARGS` into commits, one token at a time, holding only
 * the commit being read. `push` returns the previous commit when a token starts the next one.
 */
export class LogRecordParser {
  private header: string[] = [];
  private current: CommitRecord | undefined;
  private numstat = new NumstatReader();

  push(token: string): CommitRecord | undefined {
    if (this.header.length > 0) {
      this.header.push(token);
      if (this.header.length === HEADER_FIELDS.length) this.startCommit();
      return undefined;
    }
    if (this.numstat.midRename) {
      this.addFile(token);
      return undefined;
    }
    if (token.startsWith(RECORD_START)) {
      const done = this.current;
      this.current = undefined;
      this.header.push(token.slice(RECORD_START.length));
      return done;
    }
    if (token === '' || token === '\n') return undefined;
    if (!this.current) throw unexpected(token);
    this.addFile(token);
    return undefined;
  }

  /** The last commit, once the output has ended. */
  end(): CommitRecord | undefined {
    if (this.header.length > 0 || this.numstat.midRename) throw unexpected('(output ended mid-record)');
    const done = this.current;
    this.current = undefined;
    return done;
  }

  private addFile(token: string): void {
    const file = this.numstat.push(token);
    if (file) this.current?.files.push(file);
  }

  private startCommit(): void {
    const [sha = '', parentList = '', authorName = '', authorEmail = '', at = '', ct = '', message = ''] =
      this.header;
    this.header = [];
    if (!/^[0-9a-f]{40,64}$/.test(sha)) throw unexpected(sha);
    const parents = parentList === '' ? [] : parentList.split(' ');
    this.current = {
      sha,
      parents,
      authorName,
      authorEmail,
      authorTime: Number(at),
      committerTime: Number(ct),
      message: trimNewlines(message),
      files: [],
      isMerge: parents.length > 1,
    };
  }
}

function trimNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length ? text : text.slice(0, end);
}
