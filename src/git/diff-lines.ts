import { runGit } from './run.js';

/** A line the diff removed or changed, numbered as in the old file. */
export interface OldLine {
  line: number;
  text: string;
}

/** The removed lines of one file in a diff. */
export interface FileDeletions {
  /** Path in the old commit (what to blame there). */
  oldPath: string;
  /** Path in the new commit; undefined when the file was deleted. */
  newPath: string | undefined;
  lines: OldLine[];
}

/**
 * The lines `to` removed or changed relative to `from`, per file, from one `git diff -U0`.
 * Whitespace-only changes are ignored (`-w`), as are hunks that only touch blank lines. Added
 * files and binary files have no old lines and are left out.
 */
export async function deletedLines(repo: string, from: string, to: string): Promise<FileDeletions[]> {
  const { stdout } = await runGit(repo, [
    'diff',
    '-U0',
    '-w',
    '--ignore-blank-lines',
    '-M',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--no-relative',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    from,
    to,
    '--',
  ]);
  return parseDeletions(stdout);
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/** Parses `git diff -U0` output. Hunk line counts are tracked so a "--- " line inside a hunk is content. */
export function parseDeletions(diff: string): FileDeletions[] {
  const files: FileDeletions[] = [];
  let current: FileDeletions | undefined;
  let oldPath: string | undefined;
  let oldLine = 0;
  let oldLeft = 0;
  let newLeft = 0;
  for (const raw of diff.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      const kind = raw.charCodeAt(0);
      if (kind === 45 /* - */) {
        current?.lines.push({ line: oldLine, text: raw.slice(1) });
        oldLine++;
        oldLeft--;
      } else if (kind === 43 /* + */) {
        newLeft--;
      } else if (kind === 32 /* context */) {
        oldLine++;
        oldLeft--;
        newLeft--;
      } else if (kind !== 92 /* "\ No newline at end of file" */) {
        oldLeft = 0; // counts disagree with the output: read the line as a header
        newLeft = 0;
      }
      if (kind === 45 || kind === 43 || kind === 32 || kind === 92) continue;
    }
    if (raw.startsWith('diff --git ')) {
      current = undefined;
      oldPath = undefined;
    } else if (raw.startsWith('--- ')) {
      oldPath = headerPath(raw.slice(4), 'a/');
    } else if (raw.startsWith('+++ ')) {
      const newPath = headerPath(raw.slice(4), 'b/');
      current = oldPath === undefined ? undefined : { oldPath, newPath, lines: [] };
      if (current) files.push(current);
    } else {
      const hunk = HUNK.exec(raw);
      if (hunk) {
        oldLine = Number(hunk[1]);
        oldLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
        newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
      }
    }
  }
  return files.filter((file) => file.lines.length > 0);
}

/** A path from a `---`/`+++` header: undefined for /dev/null, C-style quotes undone, prefix removed. */
function headerPath(field: string, prefix: string): string | undefined {
  // git appends a tab to names that contain a space, so that patch tools find the end.
  const text = field.endsWith('\t') ? field.slice(0, -1) : field;
  if (text === '/dev/null') return undefined;
  const path = text.startsWith('"') ? unquoteC(text) : text;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style quoting ("a\tb", "\303\274" octal bytes) of a path. */
export function unquoteC(quoted: string): string {
  const bytes: number[] = [];
  const body = quoted.slice(1, quoted.endsWith('"') ? -1 : undefined);
  for (let i = 0; i < body.length; i++) {
    const ch = String.fromCodePoint(body.codePointAt(i) ?? 0);
    if (ch !== '\\') {
      for (const byte of Buffer.from(ch, 'utf8')) bytes.push(byte);
      i += ch.length - 1;
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
