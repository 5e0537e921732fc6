import type { Clock } from '../../core/index.js';
import { readCommit } from '../../git/index.js';
import type { Store } from '../../store/index.js';
import { describeFeature, KAMEI_FEATURES, type KameiFeature } from '../features/index.js';
import { loadCommits, mineHistory } from '../history/history-store.js';
import { featuresOfHistory, modelInput } from './features-of-history.js';

export interface FeatureStanding {
  feature: KameiFeature;
  value: number;
  /** Share of the repository's changes with a smaller value (ties count half), 0..1. */
  percentile: number;
  median: number;
  p90: number;
  text: string;
}

export interface RiskExplanation {
  rev: string;
  subject: string;
  changes: number;
  features: FeatureStanding[];
}

/** Every Kamei feature of a commit against the distribution over the repository's history. */
export async function explainRisk(options: {
  store: Store;
  repo: string;
  clock: Clock;
  rev: string;
}): Promise<RiskExplanation> {
  const { store, repo, clock } = options;
  await mineHistory(store, repo, { clock });
  const history = featuresOfHistory(await loadCommits(store.db));
  const commit = await readCommit(repo, options.rev);
  const features = history.bySha.get(commit.sha)?.features ?? history.extractor.peek(commit);
  const values = modelInput(features, KAMEI_FEATURES);
  const standings = KAMEI_FEATURES.map((feature) => {
    const all = history.changes
      .map((c) => (c.features as unknown as Record<string, number>)[feature] ?? 0)
      .sort((a, b) => a - b);
    const value = values[feature] ?? 0;
    return {
      feature,
      value,
      percentile: percentileOf(all, value),
      median: quantile(all, 0.5),
      p90: quantile(all, 0.9),
      text: describeFeature(feature, features),
    };
  });
  return {
    rev: commit.sha,
    subject: commit.message.split('\n')[0] ?? '',
    changes: history.changes.length,
    features: standings,
  };
}

function percentileOf(sorted: readonly number[], value: number): number {
  if (sorted.length === 0) return 0;
  let below = 0;
  let equal = 0;
  for (const v of sorted) {
    if (v < value) below++;
    else if (v === value) equal++;
  }
  return (below + equal / 2) / sorted.length;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] ?? 0;
}
