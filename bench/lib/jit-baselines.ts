import { RAW_INPUTS, type TrainOptions } from '../../src/change/model/index.js';

/** Plain logistic regression on the 14 raw features: no transform, no weights, no calibration. */
export const LR14: TrainOptions = {
  kind: 'logistic-l2',
  inputs: RAW_INPUTS,
  l2: 0,
  classWeights: false,
  halfLifeDays: 0,
  calibration: 'none',
};

/** LApredict (Zeng et al., ISSTA 2021): logistic regression on lines added alone. */
export const LAPREDICT: TrainOptions = { ...LR14, inputs: ['la'] };

/**
 * Published within-project AUC means over six projects (qt, openstack, gerrit among them) from
 * Zeng et al., "Deep just-in-time defect prediction: how far are we?", ISSTA 2021.
 */
export const PUBLISHED = [
  { name: 'LR', auc: 0.673 },
  { name: 'DeepJIT', auc: 0.706 },
  { name: 'CC2Vec', auc: 0.706 },
  { name: 'LApredict', auc: 0.725 },
] as const;

export const TARGET_MEAN_AUC = 0.75;
