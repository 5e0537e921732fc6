import { StringDecoder } from 'node:string_decoder';
import { CaraError } from '../core/errors.js';
import type { FileChange } from './commit.js';

/**
 * Reads `--numstat -z` entries one NUL-terminated token at a time. With `-z` git never quotes paths:
 * a plain entry is `added\tdeleted\tpath`, a rename is `added\tdeleted\t` followed by two tokens,
 * the old and the new path. Binary files show `-` for both counts.
 */
export class NumstatReader {
  private rename: { added: number | null; deleted: number | null; oldPath?: string } | undefined;

  /** True while a rename waits for its path tokens, which may look like anything. */
  get midRename(): boolean {
    return this.rename !== undefined;
  }

  /** Feeds one token; returns the finished entry, or undefined while a rename is incomplete. */
  push(token: string): FileChange | undefined {
    const rename = this.rename;
    if (rename) {
      if (rename.oldPath === undefined) {
        rename.oldPath = token;
        return undefined;
      }
      this.rename = undefined;
      return { path: token, oldPath: rename.oldPath, added: rename.added, deleted: rename.deleted };
    }
    let start = 0;
    while (token.charCodeAt(start) === 10) start++; // the blank line git prints before the numstat
    const tab1 = token.indexOf('\t', start);
    const tab2 = tab1 < 0 ? -1 : token.indexOf('\t', tab1 + 1);
    if (tab2 < 0) throw unexpected(token);
    const added = count(token.slice(start, tab1), token);
    const deleted = count(token.slice(tab1 + 1, tab2), token);
    const path = token.slice(tab2 + 1);
    if (path === '') {
      this.rename = { added, deleted };
      return undefined;
    }
    return { path, added, deleted };
  }
}

function count(text: string, token: string): number | null {
  if (text === '-') return null;
  const value = Number(text);
  if (text === '' || !Number.isSafeInteger(value) || value < 0) throw unexpected(token);
  return value;
}

export function unexpected(token: string): CaraError {
  const shown = JSON.stringify(token.length > 80 ? `${token.slice(0, 80)}...` : token);
  return new CaraError('GIT_FAILED', `unexpected git output: ${shown}`, {
    hint: 'this git version may print a format cara does not know; please report it with `git --version`',
  });
}

/** Splits a byte stream into NUL-terminated UTF-8 tokens; multi-byte characters may span chunks. */
export class NulSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  /** Calls `onToken` for every complete token in `chunk`. */
  write(chunk: Buffer, onToken: (token: string) => void): void {
    const text = this.rest + this.decoder.write(chunk);
    let start = 0;
    for (let nul = text.indexOf('\0'); nul >= 0; nul = text.indexOf('\0', start)) {
      onToken(text.slice(start, nul));
      start = nul + 1;
    }
    this.rest = text.slice(start);
  }

  /** The unterminated tail, if any (git ends its -z output with a NUL, so normally ''). */
  end(): string {
    const tail = this.rest + this.decoder.end();
    this.rest = '';
    return tail;
  }
}

/** Every entry of a complete `--numstat -z` output (small outputs such as `git diff`). */
export function parseNumstat(output: string): FileChange[] {
  const reader = new NumstatReader();
  const files: FileChange[] = [];
  const tokens = output.split('\0');
  for (const [i, token] of tokens.entries()) {
    if (!reader.midRename && (token === '' || token === '\n')) {
      if (i === tokens.length - 1) break;
      continue;
    }
    const file = reader.push(token);
    if (file) files.push(file);
  }
  return files;
}
