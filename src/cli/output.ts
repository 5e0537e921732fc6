import type { Writable } from 'node:stream';

/** Where a command writes: stdout for results, stderr for diagnostics. Injected for tests. */
export interface Output {
  out: Writable;
  err: Writable;
  color: boolean;
}

export function processOutput(noColor: boolean): Output {
  return { out: process.stdout, err: process.stderr, color: !noColor && process.stdout.isTTY === true };
}

export function line(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}

export function json(output: Output, value: unknown): void {
  output.out.write(`${JSON.stringify(value, null, 2)}\n`);
}

const codes = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

export function paint(output: Output, colour: keyof typeof codes, text: string): string {
  return output.color ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text;
}

/** A plain text table: columns padded to their widest cell. */
export function table(rows: readonly (readonly string[])[], header?: readonly string[]): string {
  const all = header ? [header, ...rows] : [...rows];
  const widths: number[] = [];
  for (const row of all) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  const render = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const lines = all.map(render);
  if (header) lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}
