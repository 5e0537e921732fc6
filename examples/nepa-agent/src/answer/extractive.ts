/**
 * The default answerer: no model, just the sentences of the retrieved passages that share the most
 * (rare) terms with the question, each cited to its document.
 */
import { tokenize } from '../retrieval/index.js';

export interface AnswerPassage {
  documentId: number;
  title: string;
  text: string;
  score: number;
}

export interface Citation {
  documentId: number;
  title: string;
  snippet: string;
}

export interface Answer {
  answer: string;
  citations: Citation[];
}

export const NO_ANSWER = 'I found nothing in the NEPA records that answers this question.';

/** Sentence ends, except after common abbreviations ("No. 12", "U.S. Fish and Wildlife"). */
export const SENTENCE_END =
  /(?<!\b(?:No|Nos|U\.S|St|Mr|Ms|Mrs|Dr|Inc|Co|Corp|e\.g|i\.e|vs|approx|Fig|Sec)\.)(?<=[.!?])\s+/;

function sentencesOf(text: string): string[] {
  return text
    .split(new RegExp(`${SENTENCE_END.source}|\\n+`))
    .map((s) => s.replace(/^(?:#+|[-*•]|\d+[.)])\s+/, '').trim())
    .filter((s) => s.split(/\s+/).length >= 3);
}

function snippet(text: string, max = 240): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Picks up to `maxSentences` sentences by query-term overlap (each term weighted by how rarely it
 * occurs across the passages), near-ties broken by the passage's retrieval score; cites each sentence's document once.
 */
export function extractiveAnswer(
  question: string,
  passages: readonly AnswerPassage[],
  maxSentences = 2,
): Answer {
  const queryTerms = new Set(tokenize(question));
  const candidates = passages.flatMap((passage) =>
    sentencesOf(passage.text).map((sentence) => ({
      passage,
      sentence,
      terms: new Set(tokenize(sentence)),
      titleTerms: new Set(tokenize(passage.title)),
    })),
  );
  const spread = (term: string) => candidates.filter((c) => c.terms.has(term)).length;
  const weight = new Map([...queryTerms].map((term) => [term, 1 / Math.log(2 + spread(term))]));
  const topPassage = Math.max(...passages.map((p) => p.score), Number.MIN_VALUE);
  const scored = candidates
    .map((c) => {
      let overlap = 0;
      for (const term of queryTerms) {
        // A term in the document's title counts half: the sentence is about that document.
        if (c.terms.has(term)) overlap += weight.get(term) ?? 0;
        else if (c.titleTerms.has(term)) overlap += (weight.get(term) ?? 0) / 2;
      }
      // Overlap decides; the passage's own retrieval score breaks near-ties.
      const prior = overlap > 0 ? (0.3 * c.passage.score) / topPassage : 0;
      return { ...c, score: overlap / Math.sqrt(1 + c.terms.size / 20) + prior };
    })
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0]?.score ?? 0;
  // A second sentence only when it is nearly as relevant as the first.
  const picks = scored.filter((c, i) => i === 0 || c.score >= best * 0.6).slice(0, maxSentences);
  if (picks.length === 0) return { answer: NO_ANSWER, citations: [] };
  const citations: Citation[] = [];
  for (const pick of picks) {
    const existing = citations.find((c) => c.documentId === pick.passage.documentId);
    if (existing) existing.snippet = snippet(`${existing.snippet} ${pick.sentence}`);
    else
      citations.push({
        documentId: pick.passage.documentId,
        title: pick.passage.title,
        snippet: snippet(pick.sentence),
      });
  }
  const answer = picks.map(
    (pick) =>
      `${pick.sentence} [${citations.findIndex((c) => c.documentId === pick.passage.documentId) + 1}]`,
  );
  return { answer: answer.join(' '), citations };
}
