/** A run of consecutive lines one commit added to one file. */
export interface AddedBlock {
  commit: string;
  /** Author date, ISO 8601. */
  date: string;
  path: string;
  /** 1-based line number of the block's first line in the file at that commit. */
  startLine: number;
  text: string;
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Splits `git log -p -U0` output (commit lines marked by RS, see `historyPatch`) into the blocks of
 * added lines. Pure. Hunk line counts decide what is content, so an added line that starts with
 * `+++` or `diff --git` is not mistaken for a header.
 */
export function* parseHistoryPatch(output: string): Generator<AddedBlock, void, undefined> {
  let commit = '';
  let date = '';
  let path: string | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let block: { startLine: number; lines: string[] } | undefined;
  let nextLine = 0;
  const flush = function* (): Generator<AddedBlock, void, undefined> {
    if (block && path !== undefined && block.lines.length > 0) {
      yield { commit, date, path, startLine: block.startLine, text: block.lines.join('\n') };
    }
    block = undefined;
  };
  for (const line of output.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      if (line.startsWith('+')) {
        block ??= { startLine: nextLine, lines: [] };
        block.lines.push(line.slice(1));
        nextLine++;
        newLeft--;
      } else if (line.startsWith('-')) {
        yield* flush();
        oldLeft--;
      }
      if (oldLeft === 0 && newLeft === 0) yield* flush();
      continue;
    }
    if (line.startsWith('\u001e')) {
      yield* flush();
      [commit = '', date = ''] = line.slice(1).split('\u001f');
      path = undefined;
    } else if (line.startsWith('diff --git ')) {
      yield* flush();
      path = undefined;
    } else if (line.startsWith('+++ ')) {
      path = diffPath(line.slice(4));
    } else {
      const hunk = HUNK.exec(line);
      if (hunk) {
        oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
        newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
        nextLine = Number(hunk[2]);
      }
    }
  }
  yield* flush();
}

/** The path of a `+++ b/path` header (C-quoted when it has special characters); /dev/null → undefined. */
export function diffPath(header: string): string | undefined {
  const value = header.replace(/\t$/, '');
  if (value === '/dev/null') return undefined;
  const unquoted = value.startsWith('"') && value.endsWith('"') ? unquote(value.slice(1, -1)) : value;
  return unquoted.startsWith('b/') ? unquoted.slice(2) : unquoted;
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };

function unquote(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(text.slice(i + 1));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += 3;
    } else {
      const next = text[i + 1] ?? '';
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i++;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
