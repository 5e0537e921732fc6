import type { Clock } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { KAMEI_FEATURES } from '../features/index.js';
import { loadCommits, type MineResult, mineHistory } from '../history/history-store.js';
import { type Evaluation, evaluateTimeOrdered, type Sample, trainRiskModel } from '../model/index.js';
import { labelFor } from '../szz/index.js';
import { featuresOfHistory, modelInput } from './features-of-history.js';
import { saveModel } from './models-store.js';
import { updateSzz } from './szz-store.js';

export interface RiskTrainOptions {
  store: Store;
  repo: string;
  clock: Clock;
  /** Days a commit must age before "no fix found" counts as a clean label. */
  labelDelayDays?: number;
  /** Fewer labelled changes (or bug-introducing ones) than this: keep using the default model. */
  minSamples?: number;
  minPositives?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface RiskTrainReport {
  mining: MineResult;
  commits: number;
  fixes: number;
  bugIntroducing: number;
  samples: number;
  positives: number;
  unlabelledTooYoung: number;
  trained: boolean;
  modelId: string | undefined;
  reason: string | undefined;
  evaluation: Evaluation | undefined;
}

/**
 * Learns a risk model from the repository's own history: mine, fold features, label with SZZ,
 * evaluate on a time-ordered split (never training on the future), then train on everything and
 * make it the active model. Too little labelled history leaves the shipped default in place.
 */
export async function trainRisk(options: RiskTrainOptions): Promise<RiskTrainReport> {
  const { store, repo, clock } = options;
  const mining = await mineHistory(store, repo, {
    clock,
    onProgress: (n) => options.onProgress?.('mining', n, 0),
  });
  const commits = await loadCommits(store.db);
  const history = featuresOfHistory(commits);
  const szz = await updateSzz(store, repo, commits, () => clock.now().toISOString(), {
    onProgress: (done, total) => options.onProgress?.('szz', done, total),
  });
  const now = Math.floor(clock.now().getTime() / 1000);
  const samples: Sample[] = [];
  let tooYoung = 0;
  for (const { commit, features } of history.changes) {
    const label = labelFor(commit.sha, commit.authorTime, szz, now, options.labelDelayDays);
    if (label === undefined) {
      tooYoung++;
      continue;
    }
    samples.push({
      features: modelInput(features, KAMEI_FEATURES),
      label,
      time: commit.authorTime,
      id: commit.sha,
    });
  }
  const positives = samples.filter((s) => s.label === 1).length;
  const base = {
    mining,
    commits: commits.length,
    fixes: szz.fixes.length,
    bugIntroducing: szz.bugIntroducing.size,
    samples: samples.length,
    positives,
    unlabelledTooYoung: tooYoung,
  };
  const minSamples = options.minSamples ?? 200;
  const minPositives = options.minPositives ?? 20;
  if (samples.length < minSamples || positives < minPositives || positives === samples.length) {
    return {
      ...base,
      trained: false,
      modelId: undefined,
      evaluation: undefined,
      reason: `too little labelled history (${samples.length} labelled changes, ${positives} bug-introducing; need ${minSamples} and ${minPositives}): the default model trained on public data stays in use`,
    };
  }
  options.onProgress?.('training', 0, 1);
  const source = `repository ${repo}`;
  const evaluation = evaluateTimeOrdered(samples, (train) => trainRiskModel(train, { source }));
  const model = trainRiskModel(samples, { source });
  const modelId = await saveModel(store, model, evaluation, clock.now().toISOString());
  return { ...base, trained: true, modelId, evaluation, reason: undefined };
}
