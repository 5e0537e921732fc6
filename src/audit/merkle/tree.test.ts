import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  Frontier,
  frontierNodes,
  lastLeafOf,
  leafHash,
  levelsCompletedBy,
  type NodeId,
  nodeHash,
  rootFromLeaves,
} from './index.js';

const entry = (i: number): Buffer => Buffer.from(`event-${i}`, 'utf8');
const sha256 = (...parts: Uint8Array[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const key = (node: NodeId): string => `${node.level}:${node.index}`;

/** Every complete node of the tree over `entries`, computed level by level without any code under test but the hashes. */
function completeNodes(entries: readonly Buffer[]): Map<string, Buffer> {
  const nodes = new Map<string, Buffer>();
  let row = entries.map((e) => leafHash(e));
  for (let level = 0; row.length > 0; level++) {
    for (const [index, hash] of row.entries()) nodes.set(key({ level, index }), hash);
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < row.length; i += 2) next.push(nodeHash(row[i] as Buffer, row[i + 1] as Buffer));
    row = next;
  }
  return nodes;
}

/** Sizes 1..70 plus a few reproducible pseudo-random sizes up to ~3000 (Park-Miller, plain arithmetic). */
function testSizes(): number[] {
  const sizes = Array.from({ length: 70 }, (_, i) => i + 1);
  let seed = 20240601;
  for (let i = 0; i < 4; i++) {
    seed = (seed * 48271) % 2147483647;
    sizes.push(100 + (seed % 2900));
  }
  return [...sizes, 1024, 3000];
}

describe('hashes', () => {
  it('match RFC 6962 definitions and known values', () => {
    const data = Buffer.from('hello');
    const other = Buffer.from('world!');
    expect(leafHash(data)).toEqual(sha256(Buffer.from([0]), data));
    expect(nodeHash(data, other)).toEqual(sha256(Buffer.from([1]), data, other));
    expect(EMPTY_ROOT.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(leafHash(new Uint8Array()).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });
});

describe('node arithmetic', () => {
  it('levelsCompletedBy counts trailing one-bits, beyond 32 bits too', () => {
    const table: [number, number][] = [
      [0, 0],
      [1, 1],
      [2, 0],
      [3, 2],
      [5, 1],
      [7, 3],
      [2 ** 32 - 1, 32],
      [2 ** 40 - 1, 40],
      [2 ** 33 + 1, 1],
      [2 ** 52, 0],
    ];
    for (const [leaf, levels] of table) expect(levelsCompletedBy(leaf), `leaf ${leaf}`).toBe(levels);
  });

  it('lastLeafOf is the last leaf a node covers', () => {
    expect(lastLeafOf({ level: 0, index: 5 })).toBe(5);
    expect(lastLeafOf({ level: 2, index: 1 })).toBe(7);
    expect(lastLeafOf({ level: 40, index: 3 })).toBe(4 * 2 ** 40 - 1);
  });

  it('frontierNodes decomposes a size into maximal complete subtrees, left to right', () => {
    expect(frontierNodes(0)).toEqual([]);
    expect(frontierNodes(1)).toEqual([{ level: 0, index: 0 }]);
    expect(frontierNodes(6)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
    ]);
    expect(frontierNodes(8)).toEqual([{ level: 3, index: 0 }]);
    const big = 2 ** 40 + 2 ** 33 + 5;
    expect(frontierNodes(big)).toEqual([
      { level: 40, index: 0 },
      { level: 33, index: 2 ** 7 },
      { level: 2, index: (2 ** 40 + 2 ** 33) / 4 },
      { level: 0, index: 2 ** 40 + 2 ** 33 + 4 },
    ]);
  });

  it('rejects sizes that are not non-negative safe integers', () => {
    expect(() => frontierNodes(-1)).toThrow(RangeError);
    expect(() => frontierNodes(2.5)).toThrow(RangeError);
    expect(() => frontierNodes(Number.NaN)).toThrow(RangeError);
    expect(() => levelsCompletedBy(2 ** 53)).toThrow(RangeError);
  });
});

describe('rootFromLeaves', () => {
  it('is the RFC 6962 MTH of small trees', () => {
    const [a, b, c] = [entry(0), entry(1), entry(2)];
    expect(rootFromLeaves([])).toEqual(EMPTY_ROOT);
    expect(rootFromLeaves([a])).toEqual(leafHash(a));
    expect(rootFromLeaves([a, b])).toEqual(nodeHash(leafHash(a), leafHash(b)));
    expect(rootFromLeaves([a, b, c])).toEqual(nodeHash(nodeHash(leafHash(a), leafHash(b)), leafHash(c)));
  });
});

describe('Frontier', () => {
  const sizes = testSizes();
  const max = Math.max(...sizes);
  const entries = Array.from({ length: max }, (_, i) => entry(i));
  const nodes = completeNodes(entries);
  const checkRootAt = new Set(sizes);

  it(`appends, completes nodes and roots like the naive tree for sizes ${sizes.slice(70).join(', ')} and 1..70`, () => {
    const frontier = Frontier.empty();
    expect(frontier.size).toBe(0);
    expect(frontier.root()).toEqual(EMPTY_ROOT);
    expect(frontier.hashes()).toEqual([]);
    for (let i = 0; i < max; i++) {
      const completed = frontier.append(leafHash(entries[i] as Buffer));
      expect(completed).toHaveLength(1 + levelsCompletedBy(i));
      for (const [level, hash] of completed.entries()) {
        const node = { level, index: (i + 1) / 2 ** level - 1 };
        expect(lastLeafOf(node)).toBe(i);
        expect(hash.equals(nodes.get(key(node)) ?? Buffer.alloc(0)), `leaf ${i} level ${level}`).toBe(true);
      }
      const size = i + 1;
      expect(frontier.size).toBe(size);
      const expected = frontierNodes(size).map((node) => nodes.get(key(node))?.toString('hex'));
      expect(frontier.hashes().map((h) => h.toString('hex'))).toEqual(expected);
      if (checkRootAt.has(size)) {
        expect(frontier.root(), `root of size ${size}`).toEqual(rootFromLeaves(entries.slice(0, size)));
      }
    }
  });

  it('round-trips through fromHashes(hashes()) and keeps appending identically', () => {
    const original = Frontier.empty();
    for (let i = 0; i < 100; i++) {
      const restored = Frontier.fromHashes(original.size, original.hashes());
      expect(restored.size).toBe(original.size);
      expect(restored.root()).toEqual(original.root());
      const next = leafHash(entries[i] as Buffer);
      expect(restored.append(next)).toEqual(original.append(next));
      expect(restored.root()).toEqual(original.root());
    }
  });

  it('fromHashes refuses a wrong number or size of hashes', () => {
    const frontier = Frontier.empty();
    for (let i = 0; i < 6; i++) frontier.append(leafHash(entry(i)));
    const hashes = frontier.hashes();
    expect(hashes).toHaveLength(2);
    expect(() => Frontier.fromHashes(6, hashes.slice(1))).toThrow(RangeError);
    expect(() => Frontier.fromHashes(7, hashes)).toThrow(RangeError);
    expect(() => Frontier.fromHashes(6, [hashes[0] as Buffer, Buffer.alloc(31)])).toThrow(RangeError);
    expect(() => Frontier.fromHashes(-1, [])).toThrow(RangeError);
  });

  it('refuses a leaf hash that is not 32 bytes', () => {
    expect(() => Frontier.empty().append(Buffer.from('short'))).toThrow(RangeError);
  });

  it('is independent of the array hashes() returned', () => {
    const frontier = Frontier.empty();
    frontier.append(leafHash(entry(0)));
    const before = frontier.root();
    frontier.hashes().pop();
    expect(frontier.root()).toEqual(before);
  });
});
