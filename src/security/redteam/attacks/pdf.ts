/**
 * A minimal, valid PDF written by hand (one page, Helvetica, WinAnsi text): enough to plant white,
 * invisible (render mode 3) or tiny text and metadata without a PDF library at run time.
 */
import type { AttackDocument } from '../types.js';

export interface PdfLine {
  text: string;
  /** `white` on the white page, `invisible` (text render mode 3), `tiny` (0.5 pt). */
  style?: 'normal' | 'white' | 'invisible' | 'tiny';
}

/** True when the text fits WinAnsi (Latin-1) and so can be written into this PDF. */
export function pdfCanCarry(text: string): boolean {
  return /^[\n\x20-\x7e\u00a0-\u00ff]*$/.test(text);
}

function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, '\\$&').replace(/[\r\n]+/g, ' ')})`;
}

function contentStream(lines: readonly PdfLine[]): string {
  return lines
    .map((line, i) => {
      const y = 740 - i * 18;
      const style = line.style ?? 'normal';
      const colour = style === 'white' ? '1 1 1 rg' : '0 0 0 rg';
      const mode = style === 'invisible' ? '3 Tr' : '0 Tr';
      const size = style === 'tiny' ? 0.5 : 11;
      return `BT ${colour} ${mode} /F1 ${size} Tf 56 ${y} Td ${pdfString(line.text)} Tj ET`;
    })
    .join('\n');
}

/** Builds the PDF bytes; `metadata` goes into the document information dictionary. */
export function buildPdf(lines: readonly PdfLine[], metadata: Record<string, string> = {}): Uint8Array {
  const stream = contentStream(lines);
  const info = Object.entries(metadata)
    .map(([key, value]) => `/${key} ${pdfString(value)}`)
    .join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< ${info} >>`,
  ];
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

/** A PDF attack document; its `text` lists every line, hidden ones included, for evidence. */
export function pdfDocument(
  fileName: string,
  lines: readonly PdfLine[],
  metadata: Record<string, string> = {},
): AttackDocument {
  const text = [...lines.map((l) => l.text), ...Object.values(metadata)].join('\n');
  return { fileName, contentType: 'application/pdf', bytes: buildPdf(lines, metadata), text };
}
