import { createFeaturizer, type Featurizer, wordBucket } from './features.js';
import { normalizeText } from './normalize.js';
import { RULES, ruleHits, STRONG_FLOOR } from './rules.js';
import type { GuardParams, GuardVerdict } from './types.js';

/** A prompt-injection classifier bound to one set of parameters. */
export interface Guard {
  /** Scores one prompt; see {@link GuardVerdict}. */
  classify(text: string): GuardVerdict;
  readonly params: GuardParams;
}

const MAX_WORDS_EXPLAINED = 3;
const WORD = /[\p{L}\p{N}]+/gu;
/** Function words carry weight in the model but explain nothing to a reader. */
const STOP_WORDS = new Set(
  'the and you your for are was what who how that this with not but all can der die das und ist sie ich was wie mit ein eine'.split(
    ' ',
  ),
);

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The logistic model's output for a prompt, before any rule floor. */
function scoreParts(
  text: string,
  params: GuardParams,
  featurize: Featurizer,
): { probability: number; hits: number[]; normalized: string } {
  const normalized = normalizeText(text);
  const hits = ruleHits(normalized);
  const vector = featurize(normalized.text, hits);
  let z = params.bias;
  for (let k = 0; k < vector.indices.length; k++) {
    z += (params.weights[vector.indices[k] ?? 0] ?? 0) * (vector.values[k] ?? 0);
  }
  return { probability: sigmoid(z), hits, normalized: normalized.text };
}

/**
 * Builds a guard over validated parameters (see `loadGuardParams`). The score is the logistic
 * model's probability, lifted to at least 0.9 when a strong rule (instruction override,
 * exfiltration channel, hidden tag characters) fires.
 */
export function guardFromParams(params: GuardParams): Guard {
  const featurize = createFeaturizer(params.spec);
  return {
    params,
    classify(text: string): GuardVerdict {
      const { probability, hits, normalized } = scoreParts(text, params, featurize);
      const strong = RULES.some((rule, i) => rule.strong === true && hits[i] === 1);
      const score = strong ? Math.max(probability, STRONG_FLOOR) : probability;
      const label = score >= params.threshold ? 'injection' : 'benign';
      const reasons = RULES.filter((_, i) => hits[i] === 1).map((rule) => `${rule.id}: ${rule.reason}`);
      if (label === 'injection') {
        const words = heaviestWords(normalized, params);
        if (words.length > 0)
          reasons.push(`learned: ${words.map((w) => `"${w}"`).join(', ')} weigh toward injection`);
      }
      return { score: Math.round(score * 10_000) / 10_000, label, reasons };
    },
  };
}

/** The words of the prompt whose unigram weights push hardest toward 'injection'. */
function heaviestWords(normalized: string, params: GuardParams): string[] {
  const seen = new Map<string, number>();
  for (const match of normalized.matchAll(WORD)) {
    const word = match[0];
    if (seen.has(word) || word.length < 3 || STOP_WORDS.has(word)) continue;
    seen.set(word, params.weights[wordBucket(word, params.spec)] ?? 0);
    if (seen.size >= 400) break;
  }
  return [...seen]
    .filter(([, weight]) => weight > 0.2)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_WORDS_EXPLAINED)
    .map(([word]) => word);
}
