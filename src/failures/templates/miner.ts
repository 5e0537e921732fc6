import { type Cluster, live, push, remove } from './cluster.js';
import { LineMasker } from './line-masker.js';
import { WILDCARD } from './mask.js';
import { covers, mergeToken } from './merge.js';
import { type ClusterState, emptyState, type MinerState, STATE_VERSION, validateState } from './state.js';
import { type Shape, shapeOf } from './words.js';

/** A template and how many lines it has matched. */
export interface MinedTemplate {
  id: string;
  template: string;
  count: number;
}

/** The template a line belongs to; `isNew` when the line started a template. */
export interface MatchResult {
  id: string;
  template: string;
  isNew: boolean;
}

/** Share of a template's tokens a line must repeat or fill (a `<*>` covering it) to join it. */
const SIMILARITY = 0.6;
/** Templates that differ in one word only, at one position, make it a variable when this many. */
const WORD_VARIANTS = 5;
/** Masked lines remembered for the exact-shape fast path; the cache restarts when full. */
const CACHE_LIMIT = 50_000;
/** Longer raw lines are not remembered: they rarely repeat and would hold memory. */
const RAW_LINE_LIMIT = 1_000;

/**
 * Online log template miner in the spirit of Drain. A line is tokenized and masked (numbers, ids,
 * paths, addresses become `<*>`); its skeleton (token count, words, names of `key=` tokens) picks a
 * bucket, and the most similar template there, if similar enough, generalises to cover the line
 * (differing tokens or their value parts become `<*>`); otherwise the line starts a template.
 *
 * Ids are stable: generalising keeps the id; a template absorbed by one that now covers it leaves
 * an alias, so `get(oldId)` still answers. One configuration serves every kind of log.
 * Lines longer than 256 tokens are capped (see `MAX_TOKENS`); the caller strips ANSI colours.
 */
export class TemplateMiner {
  private nextId: number;
  private readonly clusters = new Map<string, Cluster>();
  private readonly aliases = new Map<string, string>();
  private readonly buckets = new Map<string, Cluster[]>();
  /** Templates by skeleton with one word made a value: siblings that differ in that word only. */
  private readonly siblings = new Map<string, Cluster[]>();
  private readonly masker = new LineMasker(CACHE_LIMIT);
  /** Masked lines (tokens joined by a space) -> template: lines of a known shape skip the search. */
  private cache = new Map<string, Cluster>();
  /** Raw lines -> template: repeated lines (common in logs) skip masking too. */
  private lines = new Map<string, Cluster>();

  /** A new miner, or one resumed from `toJSON()` state (use `fromJSON` for untrusted input). */
  constructor(state: MinerState = emptyState()) {
    this.nextId = state.nextId;
    for (const saved of state.clusters) {
      this.insert({ id: saved.id, tokens: [...saved.tokens], count: saved.count, template: '', key: '' });
    }
    for (const [from, to] of Object.entries(state.aliases)) this.aliases.set(from, to);
  }

  /** Validates persisted state and resumes a miner from it; throws `CaraError('DATA_INVALID')`. */
  static fromJSON(state: unknown): TemplateMiner {
    return new TemplateMiner(validateState(state));
  }

  /** Learns from one line and returns its template (which may have just generalised). */
  add(line: string): MatchResult {
    const seen = this.lines.get(line);
    if (seen) {
      const cluster = live(seen);
      cluster.count++;
      return { id: cluster.id, template: cluster.template, isNew: false };
    }
    const tokens = this.masker.mask(line);
    const text = tokens.join(' ');
    const cached = this.cache.get(text);
    if (cached) {
      const cluster = live(cached);
      cluster.count++;
      this.remember(line, cluster);
      return { id: cluster.id, template: cluster.template, isNew: false };
    }
    const shape = shapeOf(tokens);
    let cluster = this.best(shape.key, tokens) ?? this.bestVariant(shape, tokens);
    let isNew = false;
    if (cluster) {
      cluster.count++;
      this.generalise(cluster, tokens);
    } else {
      cluster = { id: `t${this.nextId++}`, tokens, count: 1, template: '', key: shape.key };
      this.insert(cluster, shape);
      isNew = true;
      cluster = this.foldVaryingWord(cluster, shape);
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache = new Map();
    this.cache.set(text, cluster);
    this.remember(line, cluster);
    return { id: cluster.id, template: cluster.template, isNew };
  }

  /** The template a line would join, without learning from it; undefined when none fits. */
  match(line: string): MatchResult | undefined {
    const seen = this.lines.get(line);
    if (seen) return { id: live(seen).id, template: live(seen).template, isNew: false };
    const tokens = this.masker.mask(line);
    const cached = this.cache.get(tokens.join(' '));
    if (cached) return { id: live(cached).id, template: live(cached).template, isNew: false };
    const shape = shapeOf(tokens);
    const cluster = this.best(shape.key, tokens) ?? this.bestVariant(shape, tokens);
    return cluster && { id: cluster.id, template: cluster.template, isNew: false };
  }

  /** The current template of an id, following merges; undefined for an unknown id. */
  get(id: string): MinedTemplate | undefined {
    const cluster = this.clusters.get(this.aliases.get(id) ?? id);
    return cluster && { id: cluster.id, template: cluster.template, count: cluster.count };
  }

  /** All templates, most frequent first. */
  templates(): MinedTemplate[] {
    return [...this.clusters.values()]
      .map(({ id, template, count }) => ({ id, template, count }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  }

  /** Remembers a raw line's template, for lines short enough to be worth keeping. */
  private remember(line: string, cluster: Cluster): void {
    if (line.length > RAW_LINE_LIMIT) return;
    if (this.lines.size >= CACHE_LIMIT) this.lines = new Map();
    this.lines.set(line, cluster);
  }

  /** Plain JSON state; `fromJSON` of it resumes with the same ids and templates. */
  toJSON(): MinerState {
    const clusters: ClusterState[] = [...this.clusters.values()].map(({ id, tokens, count }) => ({
      id,
      tokens: [...tokens],
      count,
    }));
    return {
      version: STATE_VERSION,
      nextId: this.nextId,
      clusters,
      aliases: Object.fromEntries(this.aliases),
    };
  }

  private insert(cluster: Cluster, shape: Shape = shapeOf(cluster.tokens)): void {
    cluster.template = cluster.tokens.join(' ');
    if (cluster.key === '') cluster.key = shape.key;
    this.clusters.set(cluster.id, cluster);
    push(this.buckets, cluster.key, cluster);
    for (const variant of shape.variants ?? [])
      if (variant !== undefined) push(this.siblings, variant, cluster);
  }

  /** A template where a word of the line sits in a position that has turned out to vary (a whole `<*>`). */
  private bestVariant({ variants }: Shape, tokens: readonly string[]): Cluster | undefined {
    if (!variants) return undefined;
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[i];
      const found =
        variant !== undefined && this.buckets.has(variant) ? this.best(variant, tokens, i) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /**
   * When enough templates differ only in the word at one position, that word is a variable
   * (`com.apple.<*>: told me to run`): fold them into the oldest, which moves to the bucket where
   * that position is a value. Returns the template `cluster` now belongs to.
   */
  private foldVaryingWord(cluster: Cluster, { variants }: Shape): Cluster {
    if (!variants) return cluster;
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[i];
      const group = variant === undefined ? undefined : this.siblings.get(variant);
      if (!group) continue;
      const alive = group.filter((c) => !c.mergedInto);
      if (alive.length < WORD_VARIANTS) continue;
      this.siblings.delete(variant as string);
      const [survivor, ...others] = alive as [Cluster, ...Cluster[]];
      survivor.tokens[i] = WILDCARD;
      for (const other of others) {
        for (let j = 0; j < other.tokens.length; j++) {
          if (j !== i)
            survivor.tokens[j] = mergeToken(survivor.tokens[j] as string, other.tokens[j] as string);
        }
        this.fold(other, survivor);
      }
      remove(this.buckets, survivor.key, survivor);
      survivor.key = variant as string;
      survivor.template = survivor.tokens.join(' ');
      push(this.buckets, survivor.key, survivor);
      this.absorbCovered(survivor);
      return live(cluster);
    }
    return cluster;
  }

  /**
   * The most similar template in the bucket, if similar enough; ties go to the more general.
   * With `valueAt`, only templates with a whole `<*>` at that position are candidates.
   */
  private best(key: string, tokens: readonly string[], valueAt = -1): Cluster | undefined {
    const bucket = this.buckets.get(key);
    if (!bucket) return undefined;
    let best: Cluster | undefined;
    let bestSame = -1;
    let bestWild = -1;
    for (const cluster of bucket) {
      if (valueAt >= 0 && cluster.tokens[valueAt] !== WILDCARD) continue;
      let same = 0;
      let wild = 0;
      for (let i = 0; i < tokens.length; i++) {
        const t = cluster.tokens[i] as string;
        const token = tokens[i] as string;
        if (t === token) same++;
        else if (t.includes(WILDCARD) && covers(t, token)) wild++;
      }
      const score = same + wild;
      if (score > bestSame || (score === bestSame && wild > bestWild)) {
        best = cluster;
        bestSame = score;
        bestWild = wild;
      }
    }
    return bestSame >= SIMILARITY * tokens.length ? best : undefined;
  }

  /** Generalises `cluster` to cover `tokens`, then absorbs the templates it now covers. */
  private generalise(cluster: Cluster, tokens: readonly string[]): void {
    let changed = false;
    for (let i = 0; i < tokens.length; i++) {
      const current = cluster.tokens[i] as string;
      const merged = mergeToken(current, tokens[i] as string);
      if (merged !== current) {
        cluster.tokens[i] = merged;
        changed = true;
      }
    }
    if (!changed) return;
    cluster.template = cluster.tokens.join(' ');
    this.absorbCovered(cluster);
  }

  /** Templates differ only in variables once `cluster` covers them: fold them into it. */
  private absorbCovered(cluster: Cluster): void {
    const bucket = this.buckets.get(cluster.key) ?? [];
    for (const other of [...bucket]) {
      if (other === cluster || !other.tokens.every((t, j) => covers(cluster.tokens[j] as string, t)))
        continue;
      this.fold(other, cluster);
    }
  }

  /** Folds `other` into `into`: counts add up, `other`'s id becomes an alias. */
  private fold(other: Cluster, into: Cluster): void {
    into.count += other.count;
    other.mergedInto = into;
    remove(this.buckets, other.key, other);
    this.clusters.delete(other.id);
    this.aliases.set(other.id, into.id);
    for (const [from, to] of this.aliases) if (to === other.id) this.aliases.set(from, into.id);
  }
}
