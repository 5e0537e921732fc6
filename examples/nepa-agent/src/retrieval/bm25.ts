/** Okapi BM25 over passages (k1 = 1.2, b = 0.75): pure, rebuilt when the documents change. */
import type { Passage } from './passages.js';
import { tokenize } from './tokenize.js';

export interface ScoredPassage extends Passage {
  score: number;
}

const K1 = 1.2;
const B = 0.75;

export class Bm25Index {
  private readonly termFrequencies: Map<string, number>[];
  private readonly lengths: number[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(private readonly passages: readonly Passage[]) {
    this.termFrequencies = passages.map((passage) => {
      const counts = new Map<string, number>();
      // The title is searchable in every passage: "record of decision" finds the ROD's passages.
      for (const term of tokenize(`${passage.title}\n${passage.text}`))
        counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const term of counts.keys())
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      return counts;
    });
    this.lengths = this.termFrequencies.map((counts) => [...counts.values()].reduce((a, b) => a + b, 0));
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, passages.length);
  }

  get size(): number {
    return this.passages.length;
  }

  /** Inverse document frequency of a term (never negative). */
  idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.passages.length - df + 0.5) / (df + 0.5));
  }

  /** The best `limit` passages for a query, highest score first; passages scoring 0 are left out. */
  search(query: string, limit: number): ScoredPassage[] {
    const terms = [...new Set(tokenize(query))];
    const scored: ScoredPassage[] = [];
    this.passages.forEach((passage, i) => {
      const counts = this.termFrequencies[i];
      if (counts === undefined) return;
      const norm = K1 * (1 - B + (B * (this.lengths[i] ?? 0)) / (this.averageLength || 1));
      let score = 0;
      for (const term of terms) {
        const tf = counts.get(term) ?? 0;
        if (tf > 0) score += this.idf(term) * ((tf * (K1 + 1)) / (tf + norm));
      }
      if (score > 0) scored.push({ ...passage, score });
    });
    return scored
      .sort((a, b) => b.score - a.score || a.documentId - b.documentId || a.index - b.index)
      .slice(0, limit);
  }
}
