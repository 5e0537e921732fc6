import { seededRandom } from '../../core/random.js';
import { sigmoid } from './logistic.js';
import type { GbtOptions, SerializedTree } from './types.js';

export type { SerializedTree };

export interface GbtFit {
  base: number;
  trees: SerializedTree[];
}

export const DEFAULT_GBT: GbtOptions = {
  rounds: 300,
  maxDepth: 3,
  shrinkage: 0.05,
  lambda: 1,
  minChildWeight: 5,
  subsample: 0.8,
  maxBins: 64,
};

/** Rounds to 6 significant digits: the model keeps exactly what its JSON can hold. */
export const round6 = (v: number): number => Number(v.toPrecision(6));

/**
 * Gradient-boosted trees for the logistic loss (Newton leaves, L2 on leaf values, row subsampling),
 * split search on per-feature histograms of at most `maxBins` quantile bins.
 */
export function fitGbt(
  x: Float64Array,
  n: number,
  d: number,
  y: ArrayLike<number>,
  weights: Float64Array,
  options: GbtOptions,
  seed: number,
): GbtFit {
  const { thresholds, bins } = binColumns(x, n, d, options.maxBins);
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    sw += weights[i] ?? 0;
    swy += (weights[i] ?? 0) * (y[i] ?? 0);
  }
  const prior = Math.min(Math.max(swy / sw, 1e-6), 1 - 1e-6);
  const base = round6(Math.log(prior / (1 - prior)));
  const score = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const random = seededRandom(seed);
  const trees: SerializedTree[] = [];
  const buffer = new Uint32Array(n);
  for (let round = 0; round < options.rounds; round++) {
    let m = 0;
    for (let i = 0; i < n; i++) if (options.subsample >= 1 || random() < options.subsample) buffer[m++] = i;
    const rows = buffer.subarray(0, m);
    // Gradients only where this tree looks: the sampled rows.
    for (const i of rows) {
      const p = sigmoid(score[i] ?? 0);
      const w = weights[i] ?? 0;
      grad[i] = w * (p - (y[i] ?? 0));
      hess[i] = w * Math.max(p * (1 - p), 1e-12);
    }
    const { tree, splitBin } = growTree(rows, bins, thresholds, d, grad, hess, options);
    trees.push(tree);
    for (let i = 0; i < n; i++) score[i] = (score[i] ?? 0) + leafValueBinned(tree, splitBin, bins, d, i);
  }
  return { base, trees };
}

interface Binned {
  /** Per feature, ascending split candidates. */
  thresholds: Float64Array[];
  /** Row-major bin index: bins[i * d + j] = number of thresholds of feature j below x[i][j]. */
  bins: Uint8Array;
}

function binColumns(x: Float64Array, n: number, d: number, maxBins: number): Binned {
  const thresholds: Float64Array[] = [];
  const bins = new Uint8Array(n * d);
  const column = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) column[i] = x[i * d + j] ?? 0;
    const sorted = Float64Array.from(column).sort();
    const distinct: number[] = [];
    for (const v of sorted)
      if (distinct.length === 0 || v !== distinct[distinct.length - 1]) distinct.push(v);
    const cuts = new Set<number>();
    if (distinct.length <= maxBins) {
      for (let k = 1; k < distinct.length; k++) {
        cuts.add(round6(((distinct[k - 1] ?? 0) + (distinct[k] ?? 0)) / 2));
      }
    } else {
      for (let k = 1; k < maxBins; k++) cuts.add(round6(sorted[Math.floor((k * n) / maxBins)] ?? 0));
    }
    const t = Float64Array.from([...cuts].sort((a, b) => a - b)).slice(0, 255);
    thresholds.push(t);
    for (let i = 0; i < n; i++) bins[i * d + j] = countBelow(t, column[i] ?? 0);
  }
  return { thresholds, bins };
}

/** Number of thresholds strictly below v (binary search): x <= t[k] exactly when bin <= k. */
function countBelow(t: Float64Array, v: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Split {
  feature: number;
  bin: number;
  gain: number;
}

interface Grower {
  bins: Uint8Array;
  thresholds: Float64Array[];
  d: number;
  /** Histogram slots per feature: 2 (gradient, hessian) per bin. */
  stride: number;
  grad: Float64Array;
  hess: Float64Array;
  options: GbtOptions;
  /** Row indices; every node owns a contiguous range, partitioned in place on a split. */
  rows: Uint32Array;
  tree: SerializedTree;
  splitBin: number[];
}

function growTree(
  rows: Uint32Array,
  bins: Uint8Array,
  thresholds: Float64Array[],
  d: number,
  grad: Float64Array,
  hess: Float64Array,
  options: GbtOptions,
): { tree: SerializedTree; splitBin: number[] } {
  const stride = 2 * (Math.max(0, ...thresholds.map((t) => t.length)) + 1);
  const slots = 2 ** (options.maxDepth + 1) - 1;
  const grower: Grower = {
    bins,
    thresholds,
    d,
    stride,
    grad,
    hess,
    options,
    rows,
    tree: {
      feature: new Array(slots).fill(-1),
      threshold: new Array(slots).fill(0),
      value: new Array(slots).fill(0),
    },
    splitBin: new Array(slots).fill(-1),
  };
  grow(grower, 0, 0, rows.length, 0, histogram(grower, 0, rows.length));
  return { tree: grower.tree, splitBin: grower.splitBin };
}

/** Fills node `id` for rows[start, end) and, while depth allows and a split gains, its children. */
function grow(
  grower: Grower,
  id: number,
  start: number,
  end: number,
  depth: number,
  hist: Float64Array,
): void {
  const { tree, splitBin, options, rows, bins, d } = grower;
  let g = 0;
  let h = 0;
  for (let b = 0; b < grower.stride; b += 2) {
    g += hist[b] ?? 0;
    h += hist[b + 1] ?? 0;
  }
  tree.value[id] = round6((-g / (h + options.lambda)) * options.shrinkage);
  if (depth >= options.maxDepth || h < 2 * options.minChildWeight) return;
  const split = bestSplit(grower, hist, g, h);
  if (!split) return;
  // Partition in place: rows going left first.
  let mid = start;
  for (let k = start; k < end; k++) {
    const i = rows[k] ?? 0;
    if ((bins[i * d + split.feature] ?? 0) <= split.bin) {
      rows[k] = rows[mid] ?? 0;
      rows[mid++] = i;
    }
  }
  tree.feature[id] = split.feature;
  tree.threshold[id] = grower.thresholds[split.feature]?.[split.bin] ?? 0;
  splitBin[id] = split.bin;
  let leftHist: Float64Array | undefined;
  let rightHist: Float64Array | undefined;
  if (depth + 1 < options.maxDepth) {
    // Histogram subtraction: count the smaller child, derive the larger from the parent.
    if (mid - start <= end - mid) {
      leftHist = histogram(grower, start, mid);
      rightHist = hist.map((v, k) => v - (leftHist?.[k] ?? 0));
    } else {
      rightHist = histogram(grower, mid, end);
      leftHist = hist.map((v, k) => v - (rightHist?.[k] ?? 0));
    }
  } else {
    leftHist = totals(grower, start, mid);
    rightHist = totals(grower, mid, end);
  }
  grow(grower, 2 * id + 1, start, mid, depth + 1, leftHist);
  grow(grower, 2 * id + 2, mid, end, depth + 1, rightHist);
}

/** Per feature and bin, the sums of gradient and hessian over rows[start, end). */
function histogram(grower: Grower, start: number, end: number): Float64Array {
  const { d, stride, rows, bins, grad, hess } = grower;
  const hist = new Float64Array(d * stride);
  for (let k = start; k < end; k++) {
    const i = rows[k] ?? 0;
    const gi = grad[i] ?? 0;
    const hi = hess[i] ?? 0;
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const at = j * stride + 2 * (bins[row + j] ?? 0);
      hist[at] = (hist[at] ?? 0) + gi;
      hist[at + 1] = (hist[at + 1] ?? 0) + hi;
    }
  }
  return hist;
}

/** A leaf needs only its totals: slot 0 and 1 of a histogram-shaped array. */
function totals(grower: Grower, start: number, end: number): Float64Array {
  const out = new Float64Array(grower.stride);
  for (let k = start; k < end; k++) {
    const i = grower.rows[k] ?? 0;
    out[0] = (out[0] ?? 0) + (grower.grad[i] ?? 0);
    out[1] = (out[1] ?? 0) + (grower.hess[i] ?? 0);
  }
  return out;
}

function bestSplit(grower: Grower, hist: Float64Array, g: number, h: number): Split | undefined {
  const { lambda, minChildWeight } = grower.options;
  const parent = (g * g) / (h + lambda);
  let best: Split | undefined;
  for (let j = 0; j < grower.d; j++) {
    const cuts = grower.thresholds[j]?.length ?? 0;
    const offset = j * grower.stride;
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < cuts; b++) {
      gl += hist[offset + 2 * b] ?? 0;
      hl += hist[offset + 2 * b + 1] ?? 0;
      const hr = h - hl;
      if (hl < minChildWeight) continue;
      if (hr < minChildWeight) break;
      const gr = g - gl;
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
      if (gain > 1e-12 && (!best || gain > best.gain)) best = { feature: j, bin: b, gain };
    }
  }
  return best;
}

/** Same path as `gbtScore` takes, on bin indices: bin <= k exactly when x <= threshold k. */
function leafValueBinned(
  tree: SerializedTree,
  splitBin: number[],
  bins: Uint8Array,
  d: number,
  i: number,
): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node] ?? -1;
    if (f < 0) return tree.value[node] ?? 0;
    const k = splitBin[node] ?? 0;
    node = 2 * node + ((bins[i * d + f] ?? 0) <= k ? 1 : 2);
  }
}

/** The trees' log-odds for one (transformed) input row. */
export function gbtScore(fit: GbtFit, row: ArrayLike<number>): number {
  let z = fit.base;
  for (const tree of fit.trees) {
    let node = 0;
    for (;;) {
      const f = tree.feature[node] ?? -1;
      if (f < 0) break;
      node = 2 * node + ((row[f] ?? 0) <= (tree.threshold[node] ?? 0) ? 1 : 2);
    }
    z += tree.value[node] ?? 0;
  }
  return z;
}

/**
 * Saabas path attribution: along a row's path through each tree, the change in node value at a
 * split is credited to the split's feature. Per tree the credits sum to leaf minus root, so
 * `expected + sum(contributions)` is exactly the score, where `expected` adds the root values.
 */
export function gbtContributions(
  fit: GbtFit,
  row: ArrayLike<number>,
  d: number,
): {
  expected: number;
  contributions: Float64Array;
} {
  const contributions = new Float64Array(d);
  let expected = fit.base;
  for (const tree of fit.trees) {
    let node = 0;
    expected += tree.value[0] ?? 0;
    for (;;) {
      const f = tree.feature[node] ?? -1;
      if (f < 0) break;
      const next = 2 * node + ((row[f] ?? 0) <= (tree.threshold[node] ?? 0) ? 1 : 2);
      contributions[f] = (contributions[f] ?? 0) + (tree.value[next] ?? 0) - (tree.value[node] ?? 0);
      node = next;
    }
  }
  return { expected, contributions };
}
