/** The live retrieval index: built from the repository on first use, rebuilt after each change. */
import type { NepaDocument } from '../db/index.js';
import { Bm25Index, type ScoredPassage } from './bm25.js';
import { splitPassages } from './passages.js';

export class Retriever {
  private index: Promise<Bm25Index> | undefined;

  constructor(private readonly loadDocuments: () => Promise<NepaDocument[]>) {}

  /** Marks the index stale; the next search rebuilds it. */
  invalidate(): void {
    this.index = undefined;
  }

  /** The best passages for a question. */
  async search(question: string, limit = 4): Promise<ScoredPassage[]> {
    if (this.index === undefined) {
      const building = this.build();
      this.index = building;
      building.catch(() => {
        if (this.index === building) this.index = undefined;
      });
    }
    return (await this.index).search(question, limit);
  }

  private async build(): Promise<Bm25Index> {
    const documents = await this.loadDocuments();
    return new Bm25Index(documents.flatMap((doc) => splitPassages(doc.id, doc.title, doc.text)));
  }
}
