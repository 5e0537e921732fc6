/** Documents cut into passages of about a paragraph: the unit retrieval ranks and answers cite. */

export interface Passage {
  documentId: number;
  title: string;
  /** Position of the passage within its document. */
  index: number;
  text: string;
}

const MAX_WORDS = 120;
const MIN_WORDS = 25;

function units(text: string): { text: string; breakBefore: boolean }[] {
  const result: { text: string; breakBefore: boolean }[] = [];
  let blank = true;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') {
      blank = true;
      continue;
    }
    const heading = trimmed.startsWith('#');
    const sentences =
      heading || trimmed.includes('<!--') ? [trimmed] : trimmed.split(/(?<=[.!?])\s+(?=[A-Z"'(<])/);
    sentences.forEach((sentence, i) => {
      result.push({ text: sentence, breakBefore: i === 0 && (blank || heading) });
    });
    blank = heading;
  }
  return result;
}

/**
 * Cuts a document into passages: sentences accumulate until about 120 words, and a new passage
 * starts at a heading or blank line once the current one has 25 words.
 */
export function splitPassages(documentId: number, title: string, text: string): Passage[] {
  const passages: Passage[] = [];
  let current: string[] = [];
  let words = 0;
  const flush = () => {
    if (current.length === 0) return;
    passages.push({ documentId, title, index: passages.length, text: current.join(' ') });
    current = [];
    words = 0;
  };
  for (const unit of units(text)) {
    const count = unit.text.split(/\s+/).length;
    if ((unit.breakBefore && words >= MIN_WORDS) || words + count > MAX_WORDS) flush();
    current.push(unit.text);
    words += count;
  }
  flush();
  return passages;
}
