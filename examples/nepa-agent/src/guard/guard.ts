/**
 * The loaded guard as the guarded agent uses it: verdicts for questions, ingested documents and
 * retrieved passages, each counted by a callback (the service's metrics), repeated texts cached.
 */
import { splitPassages } from '../retrieval/index.js';
import type { GuardVerdict, LoadedGuard } from './load.js';

/** What the guard looked at. */
export type GuardInput = 'question' | 'document' | 'passage';

export interface Guard {
  readonly module: string;
  /** The verdict on one text; `injection` is true when the label is `injection`. */
  check(text: string, input: GuardInput): GuardVerdict & { injection: boolean };
}

/** A document's verdict: its worst passage's, with how many passages the guard classed as injection. */
export interface DocumentVerdict extends GuardVerdict {
  flaggedPassages: number;
}

const CACHE_SIZE = 2000;

/** Wraps a loaded classifier; `onVerdict` sees every verdict (cached ones too). */
export function createGuard(
  loaded: LoadedGuard,
  onVerdict: (input: GuardInput, verdict: GuardVerdict) => void = () => {},
): Guard {
  const cache = new Map<string, GuardVerdict>();
  return {
    module: loaded.module,
    check(text, input) {
      let verdict = cache.get(text);
      if (verdict === undefined) {
        verdict = loaded.classify(text);
        if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(text, verdict);
      }
      onVerdict(input, verdict);
      return { ...verdict, injection: verdict.label === 'injection' };
    },
  };
}

/**
 * Classifies a document passage by passage (the same passages retrieval ranks, so the ones
 * flagged here are the ones the guarded agent drops) and reports the worst.
 */
export function checkDocument(guard: Guard, title: string, text: string): DocumentVerdict {
  let worst: GuardVerdict = { score: 0, label: 'benign', reasons: [] };
  let flaggedPassages = 0;
  for (const passage of splitPassages(0, title, text)) {
    const verdict = guard.check(passage.text, 'document');
    if (verdict.injection) flaggedPassages++;
    if (verdict.score > worst.score)
      worst = { score: verdict.score, label: verdict.label, reasons: verdict.reasons };
  }
  return { ...worst, flaggedPassages };
}
