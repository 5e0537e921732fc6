/** One labelled change: its features, whether it introduced a bug, and when it was committed. */
export interface Sample {
  features: Record<string, number>;
  label: 0 | 1;
  /** Commit time, unix seconds. */
  time: number;
  id?: string;
}

/** How much one input moved a change's log-odds away from those of an average training change. */
export interface Factor {
  /** A Kamei feature (`la`) or a ratio of two (`la/lt`); log transforms are internal. */
  feature: string;
  /** The change's value of `feature`, before any transform. */
  value: number;
  /** Contribution to the calibrated log-odds, relative to the training mean. */
  contribution: number;
  direction: 'raises' | 'lowers';
}

export type ModelKind = 'logistic-l2' | 'gbt' | 'ensemble';

export interface TrainedOn {
  samples: number;
  positives: number;
  /** Earliest and latest commit time of the training samples, unix seconds. */
  from: number;
  to: number;
  source: string;
}

export interface RiskModel {
  kind: ModelKind;
  /** Bumped whenever the JSON layout changes; `loadRiskModel` refuses any other. */
  formatVersion: number;
  /** The raw features a change must carry (Kamei's 14). */
  featureNames: string[];
  trainedOn: TrainedOn;
  /** Calibrated log-odds of a change at the training mean: the base that `explain` adds up from. */
  baseLogit: number;
  /** Calibrated probability that the change introduces a bug. */
  predict(features: Record<string, number>): number;
  /** Calibrated log-odds; `baseLogit` plus the sum of `explain`'s contributions. */
  logit(features: Record<string, number>): number;
  /** Per-input contributions to `logit`, largest |contribution| first. */
  explain(features: Record<string, number>): Factor[];
  toJSON(): SerializedModel;
}

export interface LogisticParams {
  type: 'logistic';
  /** Weight of this component's log-odds in the ensemble. */
  weight: number;
  intercept: number;
  /** One coefficient per standardised input. */
  coef: number[];
}

export interface GbtParams {
  type: 'gbt';
  weight: number;
  /** Log-odds before the first tree. */
  base: number;
  trees: SerializedTree[];
}

export type ComponentParams = LogisticParams | GbtParams;

export type CalibrationParams = { method: 'platt'; slope: number; intercept: number } | { method: 'none' };

/** The JSON layout of a model: parameters only, never training data. */
export interface SerializedModel {
  format: 'cara-risk-model';
  formatVersion: number;
  kind: ModelKind;
  featureNames: string[];
  /** Model inputs by name (see `parseInput`): `log1p(la)`, `log1p(la/lt)`, `fix`, ... */
  inputs: string[];
  trainedOn: TrainedOn;
  /** Mean and standard deviation of each transformed input over the training data. */
  standardizer: { mean: number[]; std: number[] };
  components: ComponentParams[];
  calibration: CalibrationParams;
  /** The options it was trained with, for the record; not read back. */
  options?: Record<string, unknown>;
}

export interface GbtOptions {
  rounds: number;
  maxDepth: number;
  shrinkage: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Smallest hessian sum a child may have. */
  minChildWeight: number;
  /** Fraction of rows each tree sees. */
  subsample: number;
  maxBins: number;
}

export interface TrainOptions {
  kind?: ModelKind;
  /** Model inputs by name; defaults to `ENGINEERED_INPUTS`. */
  inputs?: readonly string[];
  /** L2 penalty of the logistic model, per unit of (weighted mean) log-loss. */
  l2?: number;
  gbt?: Partial<GbtOptions>;
  /** Weight of the logistic component in an ensemble (the trees get the rest). */
  logisticWeight?: number;
  /** Reweight classes so positives and negatives weigh the same in training. */
  classWeights?: boolean;
  /** Halve a training sample's weight for every this many days it is older than the newest; 0 = off. */
  halfLifeDays?: number;
  /** Calibrate with Platt scaling on the newest part of the training data; `none` leaves raw scores. */
  calibration?: 'platt' | 'none';
  /** Share of the training data, newest first, held out to fit the calibration. */
  calibrationFraction?: number;
  /** After fitting the calibration, refit the model on all the data, newest changes included. */
  refit?: boolean;
  seed?: number;
  /** Where the samples came from, recorded in `trainedOn`. */
  source?: string;
}

export interface CalibrationBin {
  predicted: number;
  observed: number;
  n: number;
}

export interface BandPrecision {
  band: string;
  /** Lowest probability in the band. */
  min: number;
  /** Share of test changes in the band or above. */
  share: number;
  /** Share of those that did introduce a bug. */
  precision: number;
  /** Share of bug-introducing test changes caught in the band or above. */
  recall: number;
}

export interface Evaluation {
  auc: number;
  brier: number;
  logLoss: number;
  /** Precision and recall at and above each band's threshold, when bands were given. */
  precisionAtBand?: BandPrecision[];
  trainSize: number;
  testSize: number;
  positivesTest: number;
  calibration: {
    bins: CalibrationBin[];
    /** Expected calibration error: bin-size-weighted mean |predicted - observed|. */
    error: number;
  };
}

/**
 * One regression tree as a heap: node 0 is the root, node i's children are 2i+1 (left) and 2i+2
 * (right), `feature[i] < 0` marks a leaf (slots below a leaf are unused, all zero). A row goes left
 * when `x[feature] <= threshold`. `value` is every node's (shrunk) Newton step, internal nodes
 * included, which is what path attribution needs.
 */
export interface SerializedTree {
  feature: number[];
  threshold: number[];
  value: number[];
}
