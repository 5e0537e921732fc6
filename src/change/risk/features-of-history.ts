import type { CommitRecord } from '../../git/index.js';
import { type ChangeFeatures, FeatureExtractor, type FeatureOptions } from '../features/index.js';

export interface CommitFeatures {
  commit: CommitRecord;
  features: ChangeFeatures;
}

export interface HistoryFeatures {
  /** Features of every non-merge commit, oldest first. */
  changes: CommitFeatures[];
  bySha: Map<string, CommitFeatures>;
  /** The extractor after the whole history, for scoring changes not yet committed. */
  extractor: FeatureExtractor;
}

/** Folds the whole history once: each commit's features from the state just before it. */
export function featuresOfHistory(
  commits: readonly CommitRecord[],
  options?: FeatureOptions,
): HistoryFeatures {
  const extractor = new FeatureExtractor(options);
  const changes: CommitFeatures[] = [];
  const bySha = new Map<string, CommitFeatures>();
  for (const commit of commits) {
    const features = extractor.add(commit);
    if (commit.isMerge) continue;
    const entry = { commit, features };
    changes.push(entry);
    bySha.set(commit.sha, entry);
  }
  return { changes, bySha, extractor };
}

/** A plain record of the 14 Kamei numbers, the shape the model reads. */
export function modelInput(features: ChangeFeatures, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  const source = features as unknown as Record<string, number>;
  for (const name of names) out[name] = source[name] ?? 0;
  return out;
}

/**
 * Our features in the counting conventions of the public JIT data the default model learned from
 * (see docs/change-features.md): that tool counts the change itself in `ndev`, `nuc`, `exp`,
 * `rexp` and `sexp`, and counts `exp` in changed files rather than commits. Shifting by the change
 * itself (its files, for `exp`) is a lower bound of their value; it removes most of the offset.
 */
export function toPublicConvention(input: Record<string, number>): Record<string, number> {
  const nf = Math.max(1, input.nf ?? 1);
  return {
    ...input,
    ndev: (input.ndev ?? 0) + 1,
    nuc: (input.nuc ?? 0) + 1,
    exp: (input.exp ?? 0) + nf,
    rexp: (input.rexp ?? 0) + 1,
    sexp: (input.sexp ?? 0) + 1,
  };
}
