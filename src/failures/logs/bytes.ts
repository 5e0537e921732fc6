import { isUtf8 } from 'node:buffer';

/** One physical line as bytes: the segment before the last carriage return and the one after it. */
export interface RawLine {
  /** The last non-empty segment before a carriage return, when the line overwrote itself. */
  previous: Buffer | undefined;
  previousCut: boolean;
  current: Buffer;
  /** True when bytes beyond the keep limit were dropped from this segment. */
  currentCut: boolean;
  /** True when any byte of the line, kept or dropped, was NUL. */
  nul: boolean;
}

/**
 * Splits a byte stream into lines without holding more than `keepBytes` per line segment, so a
 * gigantic line or a binary blob without newlines never lands in memory whole.
 */
export class LineAssembler {
  private parts: Buffer[] = [];
  private length = 0;
  private cut = false;
  private previous: Buffer | undefined;
  private previousCut = false;
  private nul = false;
  private pending = false;

  constructor(private readonly keepBytes: number) {}

  /** Feeds one chunk; returns the lines it completed. */
  push(chunk: Buffer): RawLine[] {
    const lines: RawLine[] = [];
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline;
      this.append(chunk.subarray(start, end));
      if (newline === -1) break;
      lines.push(this.take());
      start = newline + 1;
    }
    return lines;
  }

  /** The unterminated last line, if the input did not end with a newline. */
  end(): RawLine | undefined {
    return this.pending ? this.take() : undefined;
  }

  private append(bytes: Buffer): void {
    this.pending = true;
    let rest = bytes;
    for (;;) {
      const cr = rest.indexOf(13);
      this.addBytes(cr === -1 ? rest : rest.subarray(0, cr));
      if (cr === -1) return;
      if (this.length > 0 || this.cut) {
        this.previous = Buffer.concat(this.parts, this.length);
        this.previousCut = this.cut;
        this.parts = [];
        this.length = 0;
        this.cut = false;
      }
      rest = rest.subarray(cr + 1);
    }
  }

  private addBytes(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (!this.nul && bytes.includes(0)) this.nul = true;
    const room = this.keepBytes - this.length;
    if (room <= 0) {
      this.cut = true;
      return;
    }
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    if (kept.length < bytes.length) this.cut = true;
    this.parts.push(kept);
    this.length += kept.length;
  }

  private take(): RawLine {
    const line: RawLine = {
      previous: this.previous,
      previousCut: this.previousCut,
      current: Buffer.concat(this.parts, this.length),
      currentCut: this.cut,
      nul: this.nul,
    };
    this.parts = [];
    this.length = 0;
    this.cut = false;
    this.previous = undefined;
    this.previousCut = false;
    this.nul = false;
    this.pending = false;
    return line;
  }
}

/** True for bytes that do not occur in text: NUL and C0 controls other than tab, newline, CR, form feed, backspace and ESC. */
function isBinaryByte(byte: number): boolean {
  return (
    (byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12 && byte !== 8 && byte !== 27) ||
    byte === 0x7f
  );
}

/** A line is binary when it has a NUL byte or when more than 30% of its bytes are control bytes. */
export function isBinaryLine(line: RawLine): boolean {
  if (line.nul) return true;
  let controls = 0;
  let total = 0;
  for (const bytes of [line.previous, line.current]) {
    if (bytes === undefined) continue;
    total += bytes.length;
    for (const byte of bytes) if (isBinaryByte(byte)) controls++;
  }
  return controls > 0 && controls / total > 0.3;
}

/** Drops a multi-byte UTF-8 sequence that a cut left incomplete at the end. */
export function trimIncompleteUtf8(bytes: Buffer): Buffer {
  const from = Math.max(0, bytes.length - 4);
  for (let index = bytes.length - 1; index >= from; index--) {
    const byte = bytes[index] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return bytes.length - index < need ? bytes.subarray(0, index) : bytes;
  }
  return bytes;
}

/** Decodes bytes as UTF-8, or as latin1 when they are not valid UTF-8 (old tools, Windows runners). */
export function decodeLineBytes(bytes: Buffer, cut: boolean): { text: string; latin1: boolean } {
  const whole = cut ? trimIncompleteUtf8(bytes) : bytes;
  if (isUtf8(whole)) return { text: whole.toString('utf8'), latin1: false };
  return { text: whole.toString('latin1'), latin1: true };
}
