import type { BackendPool, InstanceStatus, WeightsSnapshot } from './types.js';

/** Mutable health of one instance; requests in flight keep a reference to it. */
export interface InstanceState {
  readonly url: string;
  readonly version: string;
  up: boolean;
  reason: string | undefined;
  /** Passive mode: when a failed instance may be tried again. */
  retryAt: number;
}

interface VersionState {
  version: string;
  weight: number;
  instances: InstanceState[];
  /** Smooth weighted round-robin accumulator. */
  current: number;
  /** Next instance index for round-robin inside the version. */
  next: number;
}

export interface BalancerOptions {
  now: () => number;
  /** Passive back-off before a failed instance is tried again; ignored when `activeHealth`. */
  downMs: number;
  /** With active health checks only a passing probe brings an instance back. */
  activeHealth: boolean;
  stickyMaxKeys: number;
}

/** A chosen backend for one attempt. */
export interface Route {
  version: string;
  instance: InstanceState;
}

/** 32-bit FNV-1a: a stable hash so a sticky key maps to the same version across restarts. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The routing table: smooth weighted round-robin over versions (deterministic: weights 90/10 give
 * exactly 9 of every 10 picks to the first), round-robin over the healthy instances of a version,
 * and sticky keys remembered per version. Pure state, no I/O, so it is tested without sockets.
 */
export class Balancer {
  private versions: VersionState[] = [];
  private readonly byUrl = new Map<string, InstanceState>();
  private readonly sticky = new Map<string, string>();

  constructor(private readonly options: BalancerOptions) {}

  /** Replaces the table; instances whose URL and version are unchanged keep their health. */
  set(pools: readonly BackendPool[]): void {
    const previous = new Map(this.byUrl);
    this.byUrl.clear();
    this.versions = pools.map((pool) => {
      const instances = pool.instances.map(({ url }) => {
        const old = previous.get(url);
        const state: InstanceState =
          old !== undefined && old.version === pool.version
            ? old
            : { url, version: pool.version, up: true, reason: undefined, retryAt: 0 };
        this.byUrl.set(url, state);
        return state;
      });
      return { version: pool.version, weight: pool.weight, instances, current: 0, next: 0 };
    });
  }

  weights(): Record<string, number> {
    return Object.fromEntries(this.versions.map((v) => [v.version, v.weight]));
  }

  /** Every instance of the current table. */
  instances(): InstanceState[] {
    return this.versions.flatMap((v) => v.instances);
  }

  status(): WeightsSnapshot {
    return {
      versions: this.versions.map((v) => ({
        version: v.version,
        weight: v.weight,
        instances: v.instances.map((i) => this.describe(i)),
      })),
    };
  }

  markDown(url: string, reason: string): boolean {
    const state = this.byUrl.get(url);
    if (state === undefined) return false;
    state.up = false;
    state.reason = reason;
    state.retryAt = this.options.now() + this.options.downMs;
    return true;
  }

  markUp(url: string): boolean {
    const state = this.byUrl.get(url);
    if (state === undefined) return false;
    state.up = true;
    state.reason = undefined;
    return true;
  }

  /**
   * Chooses the backend of the next attempt, or undefined when no version with weight > 0 has a
   * healthy instance outside `exclude`. A sticky key keeps the version it was first given.
   */
  pick(stickyKey?: string, exclude?: ReadonlySet<string>): Route | undefined {
    const version =
      stickyKey === undefined ? this.pickWeighted(exclude) : this.pickSticky(stickyKey, exclude);
    if (version === undefined) return undefined;
    const instance = this.nextInstance(version, exclude);
    return instance === undefined ? undefined : { version: version.version, instance };
  }

  private describe(state: InstanceState): InstanceStatus {
    const up = this.usable(state);
    return up || state.reason === undefined
      ? { url: state.url, version: state.version, up }
      : { url: state.url, version: state.version, up, reason: state.reason };
  }

  private usable(state: InstanceState): boolean {
    if (state.up) return true;
    return !this.options.activeHealth && this.options.now() >= state.retryAt;
  }

  private eligible(v: VersionState, exclude?: ReadonlySet<string>): boolean {
    return v.weight > 0 && v.instances.some((i) => this.usable(i) && !exclude?.has(i.url));
  }

  private pickWeighted(exclude?: ReadonlySet<string>): VersionState | undefined {
    let total = 0;
    let best: VersionState | undefined;
    for (const v of this.versions) {
      if (!this.eligible(v, exclude)) continue;
      v.current += v.weight;
      total += v.weight;
      if (best === undefined || v.current > best.current) best = v;
    }
    if (best !== undefined) best.current -= total;
    return best;
  }

  private pickSticky(key: string, exclude?: ReadonlySet<string>): VersionState | undefined {
    const assigned = this.sticky.get(key);
    const kept = this.versions.find((v) => v.version === assigned && v.weight > 0);
    if (kept !== undefined) {
      this.sticky.delete(key);
      this.sticky.set(key, kept.version);
      // A version that is only briefly without healthy instances keeps its sticky keys.
      return this.eligible(kept, exclude) ? kept : this.pickByHash(key, exclude);
    }
    const chosen = this.pickByHash(key, exclude);
    if (chosen !== undefined) {
      this.sticky.delete(key);
      this.sticky.set(key, chosen.version);
      if (this.sticky.size > this.options.stickyMaxKeys) {
        const oldest = this.sticky.keys().next();
        if (oldest.done !== true) this.sticky.delete(oldest.value);
      }
    }
    return chosen;
  }

  /** Maps the key's hash onto the eligible versions' weights, so keys split like the weights. */
  private pickByHash(key: string, exclude?: ReadonlySet<string>): VersionState | undefined {
    const candidates = this.versions.filter((v) => this.eligible(v, exclude));
    const total = candidates.reduce((sum, v) => sum + v.weight, 0);
    if (total === 0) return undefined;
    let slot = fnv1a(key) % total;
    for (const v of candidates) {
      if (slot < v.weight) return v;
      slot -= v.weight;
    }
    return candidates[candidates.length - 1];
  }

  private nextInstance(v: VersionState, exclude?: ReadonlySet<string>): InstanceState | undefined {
    const count = v.instances.length;
    for (let step = 0; step < count; step++) {
      const index = (v.next + step) % count;
      const candidate = v.instances[index];
      if (candidate !== undefined && this.usable(candidate) && !exclude?.has(candidate.url)) {
        v.next = (index + 1) % count;
        return candidate;
      }
    }
    return undefined;
  }
}
