/** PDF text extraction with pdf.js (the legacy build, which runs on Node 20 without a DOM). */
import { ServiceError } from '../errors.js';

export interface PdfText {
  text: string;
  pageCount: number;
}

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/**
 * Extracts the text of every page, one line per text run ending in an end-of-line, pages separated
 * by a blank line. A file pdf.js cannot open is a 400 naming the file and pdf.js's reason.
 */
export async function extractPdfText(bytes: Uint8Array, fileName: string): Promise<PdfText> {
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    // pdf.js transfers (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
  });
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ServiceError('CORRUPT_PDF', `${fileName}: not a readable PDF (${reason})`, { cause: error });
    });
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      for (const item of content.items as TextItemLike[]) {
        line += item.str ?? '';
        if (item.hasEOL === true) {
          lines.push(line.trim());
          line = '';
        }
      }
      if (line.trim() !== '') lines.push(line.trim());
      pages.push(lines.join('\n'));
      page.cleanup();
    }
    return { text: pages.join('\n\n'), pageCount: pdf.numPages };
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceError('CORRUPT_PDF', `${fileName}: the PDF is damaged (${reason})`, { cause: error });
  } finally {
    await task.destroy();
  }
}
