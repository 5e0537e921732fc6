import type { FeatureSpec } from './types.js';

/** A sparse feature vector: parallel bucket indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const CHAR_SALT = 0x9e3779b1;
const WORD_SALT = 0x85ebca6b;
const WORD_CHAR = /[\p{L}\p{N}]+/gu;

/** Mixes a hash with a namespace salt so char and word n-grams land in different buckets. */
function mix(hash: number, salt: number): number {
  let h = Math.imul(hash ^ salt, 0xcc9e2d51);
  h ^= h >>> 15;
  h = Math.imul(h, 0x1b873593);
  return (h ^ (h >>> 13)) >>> 0;
}

function fnv(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Counts per bucket plus the list of buckets touched, so clearing costs only what was used. */
class Accumulator {
  readonly counts: Float64Array;
  readonly touched: number[] = [];
  constructor(buckets: number) {
    this.counts = new Float64Array(buckets);
  }
  add(bucket: number): void {
    if (this.counts[bucket] === 0) this.touched.push(bucket);
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
  }
  /** Applies sublinear TF (1 + ln tf) scaled to unit length; returns the scale factor. */
  scale(): number {
    let norm = 0;
    for (const bucket of this.touched) {
      const value = 1 + Math.log(this.counts[bucket] ?? 1);
      this.counts[bucket] = value;
      norm += value * value;
    }
    return norm > 0 ? 1 / Math.sqrt(norm) : 0;
  }
  clear(): void {
    for (const bucket of this.touched) this.counts[bucket] = 0;
    this.touched.length = 0;
  }
}

/** Turns a normalised prompt and its rule hits into a {@link SparseVector}. */
export type Featurizer = (text: string, ruleHits: readonly number[]) => SparseVector;

/**
 * A featurizer for one spec: hashed char n-grams (over the text padded with spaces) and word
 * n-grams, each block TF-scaled to unit length and summed into shared buckets, then the rule hits
 * after the buckets. Linear in the text: each position extends one rolling hash. It reuses its
 * scratch buffers, so keep one per guard rather than one per call.
 */
export function createFeaturizer(spec: FeatureSpec): Featurizer {
  const mask = spec.buckets - 1;
  const [minChar, maxChar] = spec.charNgrams;
  const [minWord, maxWord] = spec.wordNgrams;
  const chars = new Accumulator(spec.buckets);
  const words = new Accumulator(spec.buckets);
  return (text, ruleHits) => {
    const padded = ` ${text} `;
    for (let i = 0; i + minChar <= padded.length; i++) {
      let h = FNV_OFFSET;
      const end = Math.min(padded.length, i + maxChar);
      for (let j = i; j < end; j++) {
        h = Math.imul(h ^ padded.charCodeAt(j), FNV_PRIME);
        if (j - i + 1 >= minChar) chars.add(mix(h, CHAR_SALT + j - i + 1) & mask);
      }
    }
    const hashes = Array.from(text.matchAll(WORD_CHAR), (m) => fnv(m[0]));
    for (let i = 0; i < hashes.length; i++) {
      let h = 0;
      for (let n = 1; n <= maxWord && i + n <= hashes.length; n++) {
        h = Math.imul(h ^ (hashes[i + n - 1] ?? 0), FNV_PRIME) + n;
        if (n >= minWord) words.add(mix(h, WORD_SALT + n) & mask);
      }
    }
    const charScale = chars.scale();
    const wordScale = words.scale();
    // Scaled counts are at least 1, so a 0 in `chars` marks a bucket only words touched.
    const wordOnly = words.touched.filter((bucket) => chars.counts[bucket] === 0);
    const active = ruleHits.reduce((sum, hit) => sum + (hit !== 0 ? 1 : 0), 0);
    const size = chars.touched.length + wordOnly.length + active;
    const vector = { indices: new Int32Array(size), values: new Float64Array(size) };
    let k = 0;
    for (const bucket of [...chars.touched, ...wordOnly]) {
      vector.indices[k] = bucket;
      vector.values[k++] = (chars.counts[bucket] ?? 0) * charScale + (words.counts[bucket] ?? 0) * wordScale;
    }
    for (const [r, hit] of ruleHits.entries()) {
      if (hit === 0) continue;
      vector.indices[k] = spec.buckets + r;
      vector.values[k++] = hit;
    }
    chars.clear();
    words.clear();
    return vector;
  };
}

/** The hashed bucket of one word, for explaining which words pushed a score. */
export function wordBucket(word: string, spec: FeatureSpec): number {
  const h = Math.imul(0 ^ fnv(word), FNV_PRIME) + 1;
  return mix(h, WORD_SALT + 1) & (spec.buckets - 1);
}
