/**
 * Log parsing accuracy as the Loghub-2.0 benchmark computes it. Both sides are compared as given:
 * the ground truth is already "corrected" (its templates were normalised once when published) and
 * the parser's templates are not post-processed. Groups are keyed by template string on both sides
 * (two clusters that print the same template are one group). Rows without a truth template are
 * left out of GA and FTA, as there.
 */
export interface ParsingScores {
  /** Grouping accuracy: share of messages whose truth group is exactly one predicted group. */
  ga: number;
  /** Parsing accuracy: share of messages whose predicted template equals the truth template. */
  pa: number;
  /** Template-level F1: a predicted template is right when all its messages share one truth template equal to it. */
  fta: number;
  /** FTA where the predicted group must also hold every message of that truth template. */
  ftaStrict: number;
  predictedTemplates: number;
  truthTemplates: number;
}

/** Scores `predicted[i]` against `truth[i]` (templates, one per message). */
export function scoreParsing(truth: readonly string[], predicted: readonly string[]): ParsingScores {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  let paHits = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] !== '' && truth[i] === predicted[i]) paHits++;
  const keep = truth.flatMap((t, i) => (t === '' ? [] : [i]));
  const truthGroups = groupBy(keep, (i) => truth[i] as string);
  const predGroups = groupBy(keep, (i) => predicted[i] as string);

  let gaHits = 0;
  for (const members of truthGroups.values()) {
    const preds = new Set(members.map((i) => predicted[i] as string));
    if (preds.size !== 1) continue;
    const [only] = preds;
    if (predGroups.get(only as string)?.length === members.length) gaHits += members.length;
  }

  let correct = 0;
  let correctStrict = 0;
  for (const [template, members] of predGroups) {
    const truths = new Set(members.map((i) => truth[i] as string));
    if (truths.size !== 1 || !truths.has(template)) continue;
    correct++;
    if (truthGroups.get(template)?.length === members.length) correctStrict++;
  }
  const f1 = (hits: number) => {
    const precision = hits / Math.max(1, predGroups.size);
    const recall = hits / Math.max(1, truthGroups.size);
    return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  };
  return {
    ga: gaHits / Math.max(1, keep.length),
    pa: paHits / Math.max(1, truth.length),
    fta: f1(correct),
    ftaStrict: f1(correctStrict),
    predictedTemplates: predGroups.size,
    truthTemplates: truthGroups.size,
  };
}

function groupBy(indices: readonly number[], key: (i: number) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const i of indices) {
    const k = key(i);
    const group = groups.get(k);
    if (group) group.push(i);
    else groups.set(k, [i]);
  }
  return groups;
}
