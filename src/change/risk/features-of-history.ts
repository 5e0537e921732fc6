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
