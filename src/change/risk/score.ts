import type { Clock } from '../../core/index.js';
import { uuidv7 } from '../../core/index.js';
import { type CommitRecord, commitsInRange, readCommit, uncommittedChange } from '../../git/index.js';
import type { Store } from '../../store/index.js';
import {
  type ChangeFeatures,
  describeFeature,
  KAMEI_FEATURES,
  type KameiFeature,
} from '../features/index.js';
import { loadCommits, mineHistory } from '../history/history-store.js';
import { featuresOfHistory, modelInput, toPublicConvention } from './features-of-history.js';
import { activeModel } from './models-store.js';

export type RiskBand = 'low' | 'medium' | 'high';

export type ScoreTarget = { rev: string } | { range: string } | { staged: true } | { working: true };

export interface RiskScoreOptions {
  store: Store;
  repo: string;
  clock: Clock;
  bands: { medium: number; high: number };
  target: ScoreTarget;
  /** How many factors to report. */
  factors?: number;
}

export interface RiskFactor {
  feature: string;
  value: number;
  /** Log-odds moved by this feature against an average change. */
  contribution: number;
  direction: 'raises' | 'lowers';
  /** The feature in plain words, e.g. "touches 14 files in 5 directories". */
  text: string;
}

export interface RiskScore {
  id: string;
  rev: string;
  subject: string;
  probability: number;
  band: RiskBand;
  model: { id: string; source: 'repository' | 'default'; kind: string; trainedOn: unknown; reason?: string };
  factors: RiskFactor[];
  features: Record<string, number>;
}

export function bandOf(probability: number, bands: { medium: number; high: number }): RiskBand {
  if (probability >= bands.high) return 'high';
  return probability >= bands.medium ? 'medium' : 'low';
}

/**
 * Scores one commit, a range, or the uncommitted change: features from the history before it,
 * the calibrated probability from the active model (or the shipped default), the band, and the
 * factors that moved it most, in plain words. Every score is stored.
 */
export async function scoreRisk(options: RiskScoreOptions): Promise<RiskScore[]> {
  const { store, repo, clock } = options;
  await mineHistory(store, repo, { clock });
  const commits = await loadCommits(store.db);
  const history = featuresOfHistory(commits);
  const choice = await activeModel(store.db);
  const targets = await resolveTargets(repo, options.target, commits);
  const scores: RiskScore[] = [];
  for (const commit of targets) {
    const features = history.bySha.get(commit.sha)?.features ?? history.extractor.peek(commit);
    const input = modelInput(features, KAMEI_FEATURES);
    // The shipped model learned public data counted another way; meet it there.
    const modelView = choice.source === 'default' ? toPublicConvention(input) : input;
    const probability = choice.model.predict(modelView);
    const factors = choice.model
      .explain(modelView)
      .slice(0, options.factors ?? 5)
      .map((f) => ({ ...f, text: factorText(f.feature, features) }));
    scores.push({
      id: uuidv7(),
      rev: commit.sha,
      subject: commit.message.split('\n')[0] ?? '',
      probability,
      band: bandOf(probability, options.bands),
      model: {
        id: choice.id,
        source: choice.source,
        kind: choice.model.kind,
        trainedOn: choice.model.trainedOn,
        ...(choice.reason ? { reason: choice.reason } : {}),
      },
      factors,
      features: input,
    });
  }
  const at = clock.now().toISOString();
  await store.exclusive('risk-scores', async (trx) => {
    for (const s of scores) {
      await trx
        .insertInto('risk_scores')
        .values({
          id: s.id,
          created_at: at,
          rev: s.rev,
          probability: s.probability,
          band: s.band,
          model_id: s.model.id,
          features: JSON.stringify(s.features),
          factors: JSON.stringify(s.factors),
        })
        .execute();
    }
  });
  return scores;
}

/** A model input (`la` or a ratio such as `la/lt`) in plain words, through its main feature. */
function factorText(input: string, features: ChangeFeatures): string {
  const base = input.replace(/^log1p\(|\)$/g, '').split('/')[0] ?? input;
  return (KAMEI_FEATURES as readonly string[]).includes(base)
    ? describeFeature(base as KameiFeature, features)
    : input;
}

async function resolveTargets(
  repo: string,
  target: ScoreTarget,
  commits: readonly CommitRecord[],
): Promise<CommitRecord[]> {
  if ('staged' in target) return [await uncommittedChange(repo, { staged: true })];
  if ('working' in target) return [await uncommittedChange(repo, { staged: false })];
  if ('rev' in target) return [await readCommit(repo, target.rev)];
  const wanted = new Set(await commitsInRange(repo, target.range));
  return commits.filter((c) => wanted.has(c.sha));
}
