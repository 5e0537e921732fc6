import { describe, expect, it } from 'vitest';
import type { CommitRecord } from '../../git/index.js';
import { describeFeature, describeFeatures } from './describe.js';
import { FeatureExtractor } from './extractor.js';
import { KAMEI_FEATURES } from './features.js';

const DAY = 86_400;

function commit(partial: Partial<CommitRecord> & Pick<CommitRecord, 'sha' | 'files'>): CommitRecord {
  return {
    parents: [],
    authorName: 'Dev',
    authorEmail: 'dev@example.gov',
    authorTime: 1_700_000_000,
    committerTime: 1_700_000_000,
    message: 'change',
    isMerge: false,
    ...partial,
  };
}

describe('describeFeatures', () => {
  const extractor = new FeatureExtractor();
  extractor.add(commit({ sha: 'a', files: [{ path: 'src/cli/main.ts', added: 50, deleted: 0 }] }));
  const big = commit({
    sha: 'b',
    authorTime: 1_700_000_000 + DAY,
    message: 'rework deployment',
    files: [
      ...Array.from({ length: 12 }, (_, i) => ({ path: `src/deploy/step${i}.ts`, added: 60, deleted: 5 })),
      { path: 'docs/deploy.md', added: 100, deleted: 0 },
      { path: 'assets/diagram.png', added: null, deleted: null },
    ],
  });
  const features = extractor.peek(big);

  it('names the notable properties of a large change in plain words', () => {
    expect(describeFeatures(features, big)).toEqual([
      "author's first change to assets, docs and src/deploy",
      'adds 820 lines',
      'touches 14 files in 3 directories',
      'spans 3 subsystems (assets, docs and src)',
      'changes code without changing tests',
      'changes 1 binary file',
    ]);
  });

  it('calls out a newcomer and a fix, and says when a change is small', () => {
    const fresh = new FeatureExtractor();
    const first = commit({
      sha: 'c',
      authorEmail: 'new@example.gov',
      message: 'fix typo',
      files: [{ path: 'a.ts', added: 1, deleted: 1 }],
    });
    expect(describeFeatures(fresh.peek(first), first)).toEqual([
      "author's first change in this repository",
      'is a bug fix',
    ]);
    fresh.add(first);
    const second = commit({ sha: 'd', message: 'tweak', files: [{ path: 'a.ts', added: 2, deleted: 1 }] });
    expect(describeFeatures(fresh.peek(second), second)).toEqual([
      "author's first change in this repository",
    ]);
    const third = commit({ sha: 'e', authorEmail: 'new@example.gov', message: 'tweak', files: second.files });
    expect(describeFeatures(fresh.peek(third), third)).toEqual([
      'a small change: 2 lines added and 1 line deleted in 1 file',
    ]);
  });

  it('has a phrase for every Kamei feature', () => {
    for (const name of KAMEI_FEATURES) expect(describeFeature(name, features)).toMatch(/\w/);
    expect(describeFeature('age', features)).toBe('touches files changed within the last day');
    expect(describeFeature('sexp', features)).toBe('author has 1 earlier change in assets, docs and 1 more');
  });
});
