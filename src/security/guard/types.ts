/** What the guard says about one prompt. */
export interface GuardVerdict {
  /** Probability-like score in [0, 1]; at or above the model's threshold the label is 'injection'. */
  score: number;
  label: 'injection' | 'benign';
  /** Human-readable evidence: the rules that fired and the words that weighed most. */
  reasons: string[];
}

/** A labelled prompt: label 1 is an injection, 0 is benign. */
export interface LabelledText {
  text: string;
  label: 0 | 1;
}

/** The shape of the feature space; a model is only valid for the spec it was trained with. */
export interface FeatureSpec {
  /** Hash buckets for n-gram features (a power of two). */
  buckets: number;
  charNgrams: readonly [number, number];
  wordNgrams: readonly [number, number];
  /** Rule ids in feature order; their weights follow the hashed buckets. */
  rules: readonly string[];
}

/** The learned parameters, as validated from guard-model.json. */
export interface GuardParams {
  format: 'cara-guard-model';
  formatVersion: number;
  spec: FeatureSpec;
  /** One weight per bucket, then one per rule. */
  weights: Float64Array;
  bias: number;
  threshold: number;
  trainedOn: TrainedOn;
}

/** Provenance of a trained model. */
export interface TrainedOn {
  samples: number;
  injections: number;
  /** Short hex digest over the training texts and labels, to tell stale parameters from fresh ones. */
  digest: string;
  sources: string[];
}

/** Knobs of the trainer; the defaults are what the shipped model used. */
export interface TrainGuardOptions {
  /** L2 penalty on the mean log loss. */
  l2?: number;
  iterations?: number;
  threshold?: number;
  sources?: string[];
}
