import { describe, expect, it } from 'vitest';
import { Balancer, fnv1a } from './balancer.js';
import type { BackendPool } from './types.js';

function balancer(
  options: { activeHealth?: boolean; clock?: { t: number }; maxKeys?: number } = {},
): Balancer {
  const clock = options.clock ?? { t: 0 };
  return new Balancer({
    now: () => clock.t,
    downMs: 1_000,
    activeHealth: options.activeHealth ?? false,
    stickyMaxKeys: options.maxKeys ?? 100,
  });
}

const pools = (w1: number, w2: number): BackendPool[] => [
  { version: 'v1', weight: w1, instances: [{ url: 'http://a:1' }, { url: 'http://a:2' }] },
  { version: 'v2', weight: w2, instances: [{ url: 'http://b:1' }] },
];

function tally(b: Balancer, n: number, key?: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const route = b.pick(key);
    const name = route?.instance.url ?? 'none';
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

describe('Balancer', () => {
  it('splits exactly by weight and spreads evenly (no bursts) with smooth round-robin', () => {
    const b = balancer();
    b.set(pools(90, 10));
    const picks = Array.from({ length: 100 }, () => b.pick()?.version);
    expect(picks.filter((v) => v === 'v2')).toHaveLength(10);
    // Smooth: v2 never gets two picks within any 10 consecutive picks.
    for (let i = 0; i + 10 <= picks.length; i++) {
      expect(picks.slice(i, i + 10).filter((v) => v === 'v2').length).toBeLessThanOrEqual(1);
    }
    expect(tally(b, 1000)).toEqual({ 'http://a:1': 450, 'http://a:2': 450, 'http://b:1': 100 });
  });

  it('sends nothing to a version of weight 0 and nothing when every instance is down', () => {
    const b = balancer({ activeHealth: true });
    b.set(pools(100, 0));
    expect(Object.keys(tally(b, 50))).toEqual(['http://a:1', 'http://a:2']);
    b.markDown('http://a:1', 'ECONNREFUSED');
    b.markDown('http://a:2', 'ECONNREFUSED');
    expect(b.pick()).toBeUndefined();
  });

  it('routes around down instances and gives a down version its share to the others', () => {
    const b = balancer({ activeHealth: true });
    b.set(pools(50, 50));
    b.markDown('http://b:1', 'ECONNRESET');
    expect(tally(b, 10)).toEqual({ 'http://a:1': 5, 'http://a:2': 5 });
    expect(b.status().versions[1]?.instances[0]).toEqual({
      url: 'http://b:1',
      version: 'v2',
      up: false,
      reason: 'ECONNRESET',
    });
    b.markUp('http://b:1');
    expect(tally(b, 10)['http://b:1']).toBe(5);
  });

  it('passively retries a failed instance once its back-off has passed', () => {
    const clock = { t: 0 };
    const b = balancer({ clock });
    b.set(pools(0, 100));
    b.markDown('http://b:1', 'ECONNREFUSED');
    expect(b.pick()).toBeUndefined();
    clock.t = 1_000;
    expect(b.pick()?.instance.url).toBe('http://b:1');
  });

  it('excludes instances already tried', () => {
    const b = balancer();
    b.set(pools(0, 100));
    expect(b.pick(undefined, new Set(['http://b:1']))).toBeUndefined();
  });

  it('keeps health across set() for unchanged URLs', () => {
    const b = balancer({ activeHealth: true });
    b.set(pools(90, 10));
    b.markDown('http://b:1', 'ECONNREFUSED');
    b.set(pools(50, 50));
    expect(b.status().versions[1]?.instances[0]?.up).toBe(false);
    expect(b.weights()).toEqual({ v1: 50, v2: 50 });
  });

  it('keeps a sticky key on its version while the version has weight, then moves it', () => {
    const b = balancer({ maxKeys: 1_000 });
    b.set(pools(50, 50));
    const keys = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const first = new Map(keys.map((k) => [k, b.pick(k)?.version]));
    const onV2 = keys.filter((k) => first.get(k) === 'v2').length;
    expect(onV2).toBeGreaterThan(60);
    expect(onV2).toBeLessThan(140);
    b.set(pools(90, 10));
    for (const k of keys) expect(b.pick(k)?.version).toBe(first.get(k));
    b.set(pools(100, 0));
    for (const k of keys) expect(b.pick(k)?.version).toBe('v1');
  });

  it('forgets the least recently seen sticky keys beyond the limit', () => {
    const b = balancer({ maxKeys: 2 });
    b.set(pools(50, 50));
    const key = Array.from({ length: 50 }, (_, i) => `k${i}`).find((k) => b.pick(k)?.version === 'v2') ?? '';
    b.set(pools(1, 99));
    b.pick('other-1');
    b.pick('other-2');
    // `key` was evicted, so it is placed by hash on the new weights rather than kept.
    const slot = fnv1a(key) % 100;
    expect(b.pick(key)?.version).toBe(slot < 1 ? 'v1' : 'v2');
  });
});
